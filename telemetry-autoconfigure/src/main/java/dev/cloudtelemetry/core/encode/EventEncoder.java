package dev.cloudtelemetry.core.encode;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.ErrorRedactor;
import dev.cloudtelemetry.core.event.RedactedError;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.resource.Resource;

/**
 * Encodes events as telemetry.v2 JSON lines, fields in the order of the specification. The static
 * blocks ({@code service} to {@code process}) are encoded once per {@link Resource} and copied as bytes.
 * Not thread-safe: used by the single writer thread.
 */
public final class EventEncoder {

	private static final byte[] PREFIX = ascii("{\"schema\":{\"format\":\"telemetry.v2\",\"version\":\"2.0.0\"},\"timestamp\":\"");

	private final Supplier<Resource> resource;

	private final boolean stackTraces;

	private final Limits limits;

	private final ErrorRedactor errorRedactor;

	private final TimestampFormatter timestamps = new TimestampFormatter();

	private final Attributes attributes = new Attributes();

	private Resource encodedResource;

	/** The {@code sample_rate} attribute's value as written, or {@code null} to write none. */
	private String sampleRate;

	private byte[] staticBlocks;

	/**
	 * @param resource supplies the current resource; asked once per event, so it must be cheap
	 * @param stackTraces whether {@code error.stacktrace} is filled
	 * @param maxStackTraceLength the longest stack trace written, in characters
	 */
	public EventEncoder(Supplier<Resource> resource, boolean stackTraces, int maxStackTraceLength) {
		this(resource, stackTraces, maxStackTraceLength, ErrorRedactor.NONE);
	}

	/**
	 * @param resource supplies the current resource; asked once per event, so it must be cheap
	 * @param stackTraces whether {@code error.stacktrace} is filled
	 * @param maxStackTraceLength the longest stack trace written, in characters
	 * @param errorRedactor removes what must not be written from errors
	 */
	public EventEncoder(Supplier<Resource> resource, boolean stackTraces, int maxStackTraceLength,
			ErrorRedactor errorRedactor) {
		this(resource, stackTraces, Limits.none(maxStackTraceLength), errorRedactor);
	}

	/**
	 * @param resource supplies the current resource; asked once per event, so it must be cheap
	 * @param stackTraces whether {@code error.stacktrace} is filled
	 * @param limits the longest texts written
	 * @param errorRedactor removes what must not be written from errors
	 */
	public EventEncoder(Supplier<Resource> resource, boolean stackTraces, Limits limits, ErrorRedactor errorRedactor) {
		this.errorRedactor = errorRedactor;
		this.resource = resource;
		this.stackTraces = stackTraces;
		this.limits = limits;
		this.attributes.limits = limits;
	}

	/**
	 * Writes {@code attributes.sample_rate} on every event, so that counts can be re-weighted.
	 * @param rate the configured sampling rate, from {@code 0.0} to {@code 1.0}
	 * @return this encoder
	 */
	public EventEncoder sampleRate(double rate) {
		this.sampleRate = java.math.BigDecimal.valueOf(rate).toPlainString();
		return this;
	}

	/**
	 * Appends one event and its line feed to {@code out}.
	 * @param event the event
	 * @param sequence the event's sequence number
	 * @param out the buffer to append to
	 */
	public void encode(TelemetryEvent event, long sequence, JsonWriter out) {
		try {
			encodeEvent(event, sequence, out);
		}
		finally {
			event.afterEncoding();
		}
	}

	private void encodeEvent(TelemetryEvent event, long sequence, JsonWriter out) {
		Span span = event.span();
		out.raw(PREFIX);
		this.timestamps.write(event.timestampNanos(), out);
		out.ascii("\",\"timestamp_ns\":").number(event.timestampNanos());
		out.ascii(",\"sequence\":").number(sequence);
		out.ascii(",\"event_type\":").string(event.eventType());
		out.ascii(",\"severity\":\"").ascii(event.severity().name());
		out.ascii("\",\"function_name\":").string(event.functionName());
		if (span != null) {
			out.ascii(",\"trace_id\":\"").hex(span.traceIdHigh()).hex(span.traceIdLow());
			out.ascii("\",\"span_id\":\"").hex(span.spanId()).raw((byte) '"');
			if (span.parentSpanId() != 0) {
				out.ascii(",\"parent_span_id\":\"").hex(span.parentSpanId()).raw((byte) '"');
			}
			else {
				out.ascii(",\"parent_span_id\":null");
			}
		}
		else {
			out.ascii(",\"trace_id\":null,\"span_id\":null,\"parent_span_id\":null");
		}
		long duration = event.durationNanos();
		out.ascii(",\"duration_ns\":");
		if (duration >= 0) {
			out.number(duration);
		}
		else {
			out.nullValue();
		}
		out.ascii(",\"message\":").string(event.message(), this.limits.message());
		out.ascii(",\"attributes\":{");
		this.attributes.begin(out);
		event.writeAttributes(this.attributes);
		if (this.sampleRate != null) {
			this.attributes.key("sample_rate").ascii(this.sampleRate);
		}
		out.raw((byte) '}');
		out.ascii(",\"correlation_id\":");
		if (span != null && span.correlationPrefix() != null) {
			// the same text as Span.correlationId(), written without a throwaway string
			out.raw((byte) '"').ascii(span.correlationPrefix()).raw((byte) '_').hex((int) (span.spanId() >>> 32))
				.raw((byte) '"');
		}
		else {
			out.string(event.correlationId());
		}
		out.raw(staticBlocks());
		Throwable error = event.error();
		if (error != null) {
			writeError(error, out);
		}
		out.raw((byte) '}').raw((byte) '\n');
	}

	private byte[] staticBlocks() {
		Resource current = this.resource.get();
		if (current != this.encodedResource) {
			this.staticBlocks = encodeStatic(current);
			this.encodedResource = current;
		}
		return this.staticBlocks;
	}

	static byte[] encodeStatic(Resource resource) {
		JsonWriter out = new JsonWriter(1024);
		out.ascii(",\"service\":").object(resource.service());
		out.ascii(",\"environment\":").string(resource.environment());
		out.ascii(",\"resource\":").object(resource.resource());
		out.ascii(",\"cloud\":").object(resource.cloud());
		out.ascii(",\"host\":").object(resource.host());
		if (!resource.k8s().isEmpty()) {
			out.ascii(",\"k8s\":").object(resource.k8s());
		}
		out.ascii(",\"process\":").object(resource.process());
		return out.toByteArray();
	}

	private void writeError(Throwable reported, JsonWriter out) {
		Throwable error = this.errorRedactor.redact(reported);
		String type = (error instanceof RedactedError redacted) ? redacted.originalType() : error.getClass().getName();
		out.ascii(",\"error\":{\"type\":").string(type);
		out.ascii(",\"message\":").string(error.getMessage(), this.limits.errorMessage());
		out.ascii(",\"stacktrace\":");
		if (this.stackTraces) {
			out.string(stackTrace(error));
		}
		else {
			out.nullValue();
		}
		out.raw((byte) '}');
	}

	private String stackTrace(Throwable error) {
		BoundedText text = new BoundedText(this.limits.stackTrace());
		try (PrintWriter printer = new PrintWriter(text)) {
			error.printStackTrace(printer);
		}
		return text.toString();
	}

	/**
	 * Keeps the first characters written to it and counts the rest, so that a stack trace of any depth
	 * takes bounded memory while it is printed.
	 */
	private static final class BoundedText extends Writer {

		private final StringBuilder kept = new StringBuilder(2048);

		private final int max;

		private long cut;

		BoundedText(int max) {
			this.max = max;
		}

		@Override
		public void write(char[] chars, int offset, int length) {
			int room = Math.max(0, this.max - this.kept.length());
			int taken = Math.min(room, length);
			this.kept.append(chars, offset, taken);
			this.cut += length - taken;
		}

		@Override
		public void write(String text, int offset, int length) {
			int room = Math.max(0, this.max - this.kept.length());
			int taken = Math.min(room, length);
			this.kept.append(text, offset, offset + taken);
			this.cut += length - taken;
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return (this.cut > 0) ? this.kept + "\n\t...[truncated " + this.cut + " chars]" : this.kept.toString();
		}

	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	/**
	 * Writes attributes as members of the already opened {@code attributes} object.
	 */
	private static final class Attributes implements AttributeWriter {

		private JsonWriter out;

		private boolean first;

		private Limits limits;

		void begin(JsonWriter out) {
			this.out = out;
			this.first = true;
		}

		private JsonWriter key(String key) {
			if (!this.first) {
				this.out.raw((byte) ',');
			}
			this.first = false;
			return this.out.string(key).raw((byte) ':');
		}

		@Override
		public AttributeWriter put(String key, String value) {
			if (value != null) {
				key(key).string(value, limitOf(key));
			}
			return this;
		}

		private int limitOf(String key) {
			return (key.equals("db.statement") || key.equals("db.query.text")) ? this.limits.statement()
					: this.limits.attributeValue();
		}

		@Override
		public AttributeWriter put(String key, long value) {
			key(key).number(value);
			return this;
		}

		@Override
		public AttributeWriter put(String key, boolean value) {
			key(key).bool(value);
			return this;
		}

		@Override
		public AttributeWriter putValue(String key, Object value) {
			if (value != null) {
				if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value instanceof Number
						|| value instanceof Boolean) {
					key(key).value(value);
				}
				else if (value instanceof CharSequence text) {
					key(key).string(text, limitOf(key));
				}
				else {
					key(key).string(value.toString(), limitOf(key));
				}
			}
			return this;
		}

	}

}
