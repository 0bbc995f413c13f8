package dev.cloudtelemetry.core.sampling;

/**
 * What {@link Sampling} keeps.
 *
 * @param rate the share of traces sampled, from {@code 0.0} to {@code 1.0}, decided from the trace id
 * @param keepErrors whether an unsampled trace in which a span failed is written whole
 * @param keepSlowerThanNanos an unsampled trace with a span longer than this is written whole; {@code <= 0}
 * disables it
 * @param bufferMaxSpansPerTrace how many spans of one unsampled trace are held while it runs
 * @param bufferMaxBytes how much memory the held events of all unsampled traces may take (estimated)
 * @param maxTracesPerSecond how many sampled traces per second are started at most; {@code <= 0} for no limit
 * @param errorsExemptFromLimit whether traces kept for an error are written beyond that limit
 * @param methodSpansPerTrace how many method spans of one local trace are written at most
 */
public record SamplingSettings(double rate, boolean keepErrors, long keepSlowerThanNanos, int bufferMaxSpansPerTrace,
		long bufferMaxBytes, double maxTracesPerSecond, boolean errorsExemptFromLimit, int methodSpansPerTrace) {

	/** Everything is written: the settings of a starter without sampling. */
	public static final SamplingSettings ALWAYS = new SamplingSettings(1.0, true, 0, 10_000, 16L << 20, 0, true,
			Integer.MAX_VALUE);

	/** Whether anything can keep an unsampled trace, so that its events are held until it ends. */
	boolean buffers() {
		return this.keepErrors || this.keepSlowerThanNanos > 0;
	}

}
