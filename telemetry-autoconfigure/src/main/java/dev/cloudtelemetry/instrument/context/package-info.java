/**
 * The current span across threads, Reactor chains and the logging MDC.
 */
package dev.cloudtelemetry.instrument.context;
