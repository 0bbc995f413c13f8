/**
 * The current span across threads, Reactor chains and the logging MDC.
 */
@NullMarked
package dev.cloudtelemetry.instrument.context;

import org.jspecify.annotations.NullMarked;
