package dev.cloudtelemetry.output.otlp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the OTLP exporter queues, batches and retries.
 *
 * @param endpoint where spans go, for diagnostics
 * @param queueCapacity lines waiting for the exporter thread; lines beyond it are dropped and their spans
 * counted as {@code queue_full}
 * @param maxBatchSize spans per export request
 * @param scheduleDelay how long a batch waits to fill before it is sent
 * @param timeout how long one export request may take
 * @param initialBackoff wait before the first retry; doubled per failed attempt, with jitter
 * @param maxBackoff the longest wait between retries
 * @param maxOpenSpans entries held waiting for their exit
 * @param shutdownTimeout how long closing waits for queued spans to be sent
 * @param serviceName the {@code service.name} to export instead of the events' own, or {@code null}
 * @param maxInFlight export requests on their way to the collector at once (the in-memory exporter; the durable
 * one sends one at a time, so its checkpoint only moves forward): while they travel, the exporter thread maps
 * the next batch
 */
public record OtlpExportSettings(String endpoint, int queueCapacity, int maxBatchSize, Duration scheduleDelay,
		Duration timeout, Duration initialBackoff, Duration maxBackoff, int maxOpenSpans, Duration shutdownTimeout,
		@Nullable String serviceName, int maxInFlight) {

	/** Default number of export requests on their way at once. */
	public static final int DEFAULT_MAX_IN_FLIGHT = 4;

	public OtlpExportSettings {
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
		}
	}

	/**
	 * Settings with {@link #DEFAULT_MAX_IN_FLIGHT} requests on their way at once.
	 */
	public OtlpExportSettings(String endpoint, int queueCapacity, int maxBatchSize, Duration scheduleDelay,
			Duration timeout, Duration initialBackoff, Duration maxBackoff, int maxOpenSpans, Duration shutdownTimeout,
			@Nullable String serviceName) {
		this(endpoint, queueCapacity, maxBatchSize, scheduleDelay, timeout, initialBackoff, maxBackoff, maxOpenSpans,
				shutdownTimeout, serviceName, DEFAULT_MAX_IN_FLIGHT);
	}

	/**
	 * Defaults for everything but the endpoint.
	 * @param endpoint where spans go
	 * @return the settings
	 */
	public static OtlpExportSettings defaults(String endpoint) {
		return new OtlpExportSettings(endpoint, 8192, 512, Duration.ofSeconds(1), Duration.ofSeconds(10),
				Duration.ofSeconds(1), Duration.ofSeconds(30), 10_000, Duration.ofSeconds(10), null,
				DEFAULT_MAX_IN_FLIGHT);
	}

}
