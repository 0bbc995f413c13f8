/**
 * Which traces and spans are written: the sampling decision, the buffer of unsampled traces, the span
 * budget and the filters.
 */
@NullMarked
package dev.cloudtelemetry.core.sampling;

import org.jspecify.annotations.NullMarked;
