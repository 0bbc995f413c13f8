/**
 * Spans, their identifiers and the current span of a thread.
 */
@NullMarked
package dev.cloudtelemetry.core.context;

import org.jspecify.annotations.NullMarked;
