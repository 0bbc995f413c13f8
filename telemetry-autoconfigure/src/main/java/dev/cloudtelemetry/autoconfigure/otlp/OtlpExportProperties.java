package dev.cloudtelemetry.autoconfigure.otlp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OTLP export to an OpenTelemetry Collector, under {@code telemetry.export.otlp}. Needs
 * io.opentelemetry:opentelemetry-exporter-otlp on the class path (docs/otlp.md).
 */
@ConfigurationProperties("telemetry.export.otlp")
public class OtlpExportProperties {

	/**
	 * Whether to send every span to an OpenTelemetry Collector over OTLP, besides the JSONL output.
	 */
	private boolean enabled;

	/**
	 * Collector address. For "http/protobuf" a base URL ("http://collector:4318") gets "/v1/traces"
	 * appended, a URL ending in "/v1/traces" is used as it is. Defaults to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
	 * then OTEL_EXPORTER_OTLP_ENDPOINT, then http://localhost:4318 (http/protobuf) or http://localhost:4317
	 * (grpc).
	 */
	private String endpoint;

	/**
	 * Transport: "http/protobuf" or "grpc". Defaults to OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, then
	 * OTEL_EXPORTER_OTLP_PROTOCOL, then "http/protobuf".
	 */
	private String protocol;

	/**
	 * Headers sent with every export request, such as an API key. Added to those of
	 * OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_TRACES_HEADERS; these win for the same name.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Compression of the requests: "gzip" or "none". Defaults to OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, then
	 * OTEL_EXPORTER_OTLP_COMPRESSION, then "none".
	 */
	private String compression;

	/**
	 * How long one export request may take before it is abandoned and retried.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Most spans sent in one export request.
	 */
	private int maxBatchSize = 512;

	/**
	 * Export requests on their way to the collector at once, so that a collector a long round trip away
	 * still gets more than one batch per round trip; durable mode always sends one at a time.
	 */
	private int maxInFlight = 4;

	/**
	 * Longest a span waits for its batch to fill before the batch is sent.
	 */
	private Duration scheduleDelay = Duration.ofSeconds(1);

	/**
	 * Encoded events waiting for the exporter thread. While the collector is slow or down, events beyond it
	 * are dropped and their spans counted as "queue_full" at /actuator/telemetry.
	 */
	private int queueCapacity = 8192;

	/**
	 * Longest wait between two attempts to send a batch the collector could not take; waits start at 1 s and
	 * double, with jitter.
	 */
	private Duration maxBackoff = Duration.ofSeconds(30);

	/**
	 * Whether to ship from the JSONL files (needs telemetry.output.type=file) instead of an in-memory queue,
	 * recording what the collector acknowledged in a checkpoint file beside them: nothing is lost across
	 * collector outages within the files' retention and application restarts; rotation keeps files not
	 * shipped yet, up to max-total-size.
	 */
	private boolean durable;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(String endpoint) {
		this.endpoint = endpoint;
	}

	public String getProtocol() {
		return this.protocol;
	}

	public void setProtocol(String protocol) {
		this.protocol = protocol;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public String getCompression() {
		return this.compression;
	}

	public void setCompression(String compression) {
		this.compression = compression;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxBatchSize() {
		return this.maxBatchSize;
	}

	public void setMaxBatchSize(int maxBatchSize) {
		this.maxBatchSize = maxBatchSize;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public boolean isDurable() {
		return this.durable;
	}

	public void setDurable(boolean durable) {
		this.durable = durable;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

}
