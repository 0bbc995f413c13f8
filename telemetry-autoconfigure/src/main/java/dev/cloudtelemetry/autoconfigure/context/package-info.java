/**
 * Auto-configuration of context propagation onto Spring executors and into the logging MDC.
 */
package dev.cloudtelemetry.autoconfigure.context;
