package dev.cloudtelemetry.core.sampling;

/**
 * What sampling decided since start-up, in traces (a trace that crosses this process twice counts twice).
 *
 * @param rate the configured rate
 * @param kept traces written because they were sampled
 * @param keptForError unsampled traces written because a span failed
 * @param keptForLatency unsampled traces written because a span was slow
 * @param discarded traces not written
 * @param rateLimited sampled traces not written because of {@code max-traces-per-second} (also in
 * {@code discarded} unless kept for an error or latency)
 * @param overBudget unsampled traces decided early because the buffer was full (discarded unless an error or a
 * slow span had already happened)
 * @param spansSuppressed method spans not written because their trace exceeded its span budget
 * @param bufferedBytes estimated memory held or reserved now by events of unsampled traces
 */
public record SamplingStats(double rate, long kept, long keptForError, long keptForLatency, long discarded,
		long rateLimited, long overBudget, long spansSuppressed, long bufferedBytes) {

}
