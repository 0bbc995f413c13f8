/**
 * Sampling, the buffer of unsampled traces and the span filters, wired from {@code telemetry.sampling.*}.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.sampling;

import org.jspecify.annotations.NullMarked;
