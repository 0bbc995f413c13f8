/**
 * Auto-configuration of context propagation onto Spring executors and into the logging MDC.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
