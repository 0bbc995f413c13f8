package dev.cloudtelemetry.autoconfigure.sampling;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of sampling, under {@code telemetry.sampling}.
 */
@ConfigurationProperties("telemetry.sampling")
public class SamplingProperties {

	/**
	 * Share of traces written, from 0.0 to 1.0, decided from the trace id so that every service sampling at
	 * the same rate keeps the same traces. An incoming traceparent's sampled flag decides instead. Env alias
	 * SAMPLE_RATE.
	 */
	private double rate = 1.0;

	/**
	 * Whether a trace that is not sampled is written whole all the same when one of its spans fails. Its
	 * events are held in memory until its local root span ends.
	 */
	private boolean keepErrors = true;

	/**
	 * Duration above which a span keeps its unsampled trace, which is then written whole, such as 1s. Off
	 * when unset.
	 */
	private @Nullable Duration keepSlowerThan;

	/**
	 * Maximum number of traces written per second because they were sampled (0 for no limit). Traces beyond
	 * it are treated as not sampled.
	 */
	private double maxTracesPerSecond = 0;

	/**
	 * Whether traces kept because of an error are written beyond max-traces-per-second.
	 */
	private boolean errorsExemptFromLimit = true;

	private final Buffer buffer = new Buffer();

	public double getRate() {
		return this.rate;
	}

	public void setRate(double rate) {
		this.rate = rate;
	}

	public boolean isKeepErrors() {
		return this.keepErrors;
	}

	public void setKeepErrors(boolean keepErrors) {
		this.keepErrors = keepErrors;
	}

	public @Nullable Duration getKeepSlowerThan() {
		return this.keepSlowerThan;
	}

	public void setKeepSlowerThan(@Nullable Duration keepSlowerThan) {
		this.keepSlowerThan = keepSlowerThan;
	}

	public double getMaxTracesPerSecond() {
		return this.maxTracesPerSecond;
	}

	public void setMaxTracesPerSecond(double maxTracesPerSecond) {
		this.maxTracesPerSecond = maxTracesPerSecond;
	}

	public boolean isErrorsExemptFromLimit() {
		return this.errorsExemptFromLimit;
	}

	public void setErrorsExemptFromLimit(boolean errorsExemptFromLimit) {
		this.errorsExemptFromLimit = errorsExemptFromLimit;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	/**
	 * Bounds on the events held for unsampled traces while they may still be kept.
	 */
	public static class Buffer {

		/**
		 * Maximum number of spans held per unsampled trace (counted as held events divided by two). Past it
		 * the trace is decided at once: written when an error or slow span already happened, else discarded.
		 */
		private int maxSpansPerTrace = 1000;

		/**
		 * Maximum memory held by the events of all unsampled traces, estimated at 256 bytes per event. Past
		 * it a trace is decided at once, as for max-spans-per-trace.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(16);

		public int getMaxSpansPerTrace() {
			return this.maxSpansPerTrace;
		}

		public void setMaxSpansPerTrace(int maxSpansPerTrace) {
			this.maxSpansPerTrace = maxSpansPerTrace;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

}
