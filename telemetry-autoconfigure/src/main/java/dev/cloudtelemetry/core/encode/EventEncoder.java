package dev.cloudtelemetry.core.encode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.resource.Resource;

/**
 * Encodes events as telemetry.v2 JSON lines, fields in the order of the specification. The static
 * blocks ({@code service} to {@code process}) are encoded once per {@link Resource} and copied as bytes.
 * Every string passes through the {@link Redactors} here, on the writer thread, before it is cut to its
 * limit. Not thread-safe: used by the single writer thread.
 */
public final class EventEncoder {

	private static final byte[] PREFIX = ascii("{\"schema\":{\"format\":\"telemetry.v2\",\"version\":\"2.0.0\"},\"timestamp\":\"");

	// the fixed text between fields, encoded once: copying bytes is cheaper than String.getBytes per event

	private static final byte[] TIMESTAMP_NS = ascii("\",\"timestamp_ns\":");

	private static final byte[] SEQUENCE = ascii(",\"sequence\":");

	private static final byte[] EVENT_TYPE = ascii(",\"event_type\":");

	private static final byte[] SEVERITY = ascii(",\"severity\":\"");

	private static final byte[] FUNCTION_NAME = ascii("\",\"function_name\":");

	private static final byte[] TRACE_ID = ascii(",\"trace_id\":\"");

	private static final byte[] SPAN_ID = ascii("\",\"span_id\":\"");

	private static final byte[] PARENT_SPAN_ID = ascii(",\"parent_span_id\":\"");

	private static final byte[] PARENT_SPAN_ID_NULL = ascii(",\"parent_span_id\":null");

	private static final byte[] NO_SPAN = ascii(",\"trace_id\":null,\"span_id\":null,\"parent_span_id\":null");

	private static final byte[] DURATION_NS = ascii(",\"duration_ns\":");

	private static final byte[] MESSAGE = ascii(",\"message\":");

	private static final byte[] ATTRIBUTES = ascii(",\"attributes\":{");

	private static final byte[] CORRELATION_ID = ascii(",\"correlation_id\":");

	/** Each severity's name, encoded once. */
	private static final byte[][] SEVERITIES = severities();

	private final Supplier<Resource> resource;

	private final boolean stackTraces;

	private final Limits limits;

	private final Redactors redactors;

	private final TimestampFormatter timestamps = new TimestampFormatter();

	/** Short strings written before, kept encoded; shared by the fields below and every attribute's value. */
	private final EncodedStrings strings = new EncodedStrings();

	private final Attributes attributes = new Attributes(this.strings);

	private final RepeatedString eventType = new RepeatedString(true, this.strings);

	private final RepeatedString message = new RepeatedString(true, this.strings);

	private final MessagePrefixes messagePrefixes;

	private final RepeatedString functionName = new RepeatedString(this.strings);

	private Resource encodedResource;

	/** The {@code sample_rate} attribute's value as written, or {@code null} to write none. */
	private String sampleRate;

	private byte[] staticBlocks;

	/** Added to every event's timestamp: see {@link #clockCorrection(long)}. */
	private long clockCorrection;

	/**
	 * @param resource supplies the current resource; asked once per event, so it must be cheap
	 * @param stackTraces whether {@code error.stacktrace} is filled
	 * @param maxStackTraceLength the longest stack trace written, in characters
	 */
	public EventEncoder(Supplier<Resource> resource, boolean stackTraces, int maxStackTraceLength) {
		this(resource, stackTraces, Limits.none(maxStackTraceLength), Redactors.NONE);
	}

	/**
	 * @param resource supplies the current resource; asked once per event, so it must be cheap
	 * @param stackTraces whether {@code error.stacktrace} is filled
	 * @param limits the longest texts written
	 * @param redactors every string written passes through them
	 */
	public EventEncoder(Supplier<Resource> resource, boolean stackTraces, Limits limits, Redactors redactors) {
		this.redactors = redactors;
		this.resource = resource;
		this.stackTraces = stackTraces;
		this.limits = limits;
		this.messagePrefixes = new MessagePrefixes(redactors, limits.message());
		this.attributes.limits = limits;
		this.attributes.redactors = redactors;
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
	 * Sets what is added to the timestamp of every event encoded from now on: the clock's
	 * {@link dev.cloudtelemetry.core.clock.NanoClock#correctionNanos() correction}, so that events carry
	 * wall-clock time after the wall clock moved apart from the monotonic clock that timed them. Durations are
	 * not changed.
	 * @param nanos the correction, {@code 0} at first
	 */
	public void clockCorrection(long nanos) {
		this.clockCorrection = nanos;
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
		long timestamp = event.timestampNanos() + this.clockCorrection;
		out.raw(PREFIX);
		this.timestamps.write(timestamp, out);
		out.raw(TIMESTAMP_NS);
		this.timestamps.writeNanos(timestamp, out);
		out.raw(SEQUENCE).number(sequence);
		out.raw(EVENT_TYPE);
		this.eventType.write(event.eventType(), Integer.MAX_VALUE, out);
		out.raw(SEVERITY).raw(SEVERITIES[event.severity().ordinal()]);
		out.raw(FUNCTION_NAME);
		this.functionName.write(event.functionName(), Integer.MAX_VALUE, out);
		if (span != null) {
			out.raw(TRACE_ID).hex(span.traceIdHigh()).hex(span.traceIdLow());
			out.raw(SPAN_ID).hex(span.spanId()).raw((byte) '"');
			if (span.parentSpanId() != 0) {
				out.raw(PARENT_SPAN_ID).hex(span.parentSpanId()).raw((byte) '"');
			}
			else {
				out.raw(PARENT_SPAN_ID_NULL);
			}
		}
		else {
			out.raw(NO_SPAN);
		}
		long duration = event.durationNanos();
		out.raw(DURATION_NS);
		if (duration >= 0) {
			out.number(duration);
		}
		else {
			out.nullValue();
		}
		out.raw(MESSAGE);
		String beforeDuration = event.messageBeforeDuration();
		if (beforeDuration == null || !this.messagePrefixes.write(beforeDuration, duration, out)) {
			this.message.write(this.redactors.redact(Field.MESSAGE, event.message()), this.limits.message(), out);
		}
		out.raw(ATTRIBUTES);
		this.attributes.begin(out);
		event.writeAttributes(this.attributes);
		if (this.sampleRate != null) {
			this.attributes.key("sample_rate").ascii(this.sampleRate);
		}
		out.raw((byte) '}');
		out.raw(CORRELATION_ID);
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
			this.staticBlocks = encodeStatic(current, this.redactors);
			this.encodedResource = current;
		}
		return this.staticBlocks;
	}

	static byte[] encodeStatic(Resource resource, Redactors redactors) {
		JsonWriter out = new JsonWriter(1024);
		out.ascii(",\"service\":").object(redacted(redactors, "service", resource.service()));
		out.ascii(",\"environment\":")
			.string(redactors.redact(Field.metadata("environment"), resource.environment()));
		out.ascii(",\"resource\":").object(redacted(redactors, "resource", resource.resource()));
		out.ascii(",\"cloud\":").object(redacted(redactors, "cloud", resource.cloud()));
		out.ascii(",\"host\":").object(redacted(redactors, "host", resource.host()));
		if (!resource.k8s().isEmpty()) {
			out.ascii(",\"k8s\":").object(redacted(redactors, "k8s", resource.k8s()));
		}
		out.ascii(",\"process\":").object(redacted(redactors, "process", resource.process()));
		return out.toByteArray();
	}

	/** A copy of a resource block with every string passed through the redactors (done once per resource). */
	private static Map<?, ?> redacted(Redactors redactors, String block, Map<?, ?> values) {
		return redactors.isEmpty() ? values : (Map<?, ?>) redactors.redactValue(block, values, true);
	}


	private void writeError(Throwable error, JsonWriter out) {
		out.ascii(",\"error\":{\"type\":").string(error.getClass().getName());
		out.ascii(",\"message\":")
			.string(this.redactors.redact(Field.errorMessage(error), error.getMessage()), this.limits.errorMessage());
		out.ascii(",\"stacktrace\":");
		if (this.stackTraces) {
			out.string(StackTraceText.of(error, this.redactors, this.limits.stackTrace()));
		}
		else {
			out.nullValue();
		}
		out.raw((byte) '}');
	}

	/** Whether the attribute key {@code key} is known, so that writing it again reuses its encoded form. */
	boolean remembersKey(String key) {
		return this.attributes.remembers(key);
	}

	/** How many attribute keys are known. */
	int rememberedKeys() {
		return this.attributes.remembered();
	}

	/** A loop, not a stream: a lambda in a static initializer costs start-up. */
	private static byte[][] severities() {
		Severity[] severities = Severity.values();
		byte[][] names = new byte[severities.length][];
		for (Severity severity : severities) {
			names[severity.ordinal()] = ascii(severity.name());
		}
		return names;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	/**
	 * Writes attributes as members of the already opened {@code attributes} object.
	 */
	private static final class Attributes implements AttributeWriter {

		/** The most keys remembered at once. */
		static final int MAX_KEYS = 1024;

		/** Longer keys are not remembered: an application's generated key must not pin large texts. */
		static final int MAX_KEY_LENGTH = 128;

		/** How many keys {@link #recent} holds. */
		private static final int RECENT_KEYS = 64;

		private JsonWriter out;

		private boolean first;

		private Limits limits;

		private Redactors redactors;

		private final EncodedStrings strings;

		Attributes(EncodedStrings strings) {
			this.strings = strings;
		}

		/**
		 * What is known of each key seen, for keys up to {@link #MAX_KEY_LENGTH} characters: keys are few (most
		 * are constants). When {@link #MAX_KEYS} are known it starts again empty, so that it holds the keys in
		 * use now and its memory stays bounded (under 3 MiB) whatever keys an application writes.
		 */
		private final Map<String, Key> keys = new HashMap<>();

		void begin(JsonWriter out) {
			this.out = out;
			this.first = true;
		}

		/**
		 * The keys written last, by the key's hash: a key is most often the same literal at the same call site,
		 * so one identity check here saves the map's lookup.
		 */
		private final Key[] recent = new Key[RECENT_KEYS];

		private Key keyOf(String key) {
			int slot = key.hashCode() & (RECENT_KEYS - 1);
			Key known = this.recent[slot];
			if (known == null || known.name != key) {
				known = lookUp(key);
				if (key.length() <= MAX_KEY_LENGTH) {
					this.recent[slot] = known;
				}
			}
			return known;
		}

		private Key lookUp(String key) {
			Key known = this.keys.get(key);
			if (known == null) {
				known = new Key(key, limitOf(key), this.strings);
				if (key.length() <= MAX_KEY_LENGTH) {
					if (this.keys.size() >= MAX_KEYS) {
						this.keys.clear();
					}
					this.keys.put(key, known);
				}
			}
			return known;
		}

		boolean remembers(String key) {
			return this.keys.containsKey(key);
		}

		int remembered() {
			return this.keys.size();
		}

		/** Writes {@code "key":}, after a comma unless it is the first member. */
		private JsonWriter key(Key key) {
			int from = this.first ? 1 : 0;
			this.first = false;
			return this.out.raw(key.encoded, from, key.encoded.length - from);
		}

		private JsonWriter key(String key) {
			return key(keyOf(key));
		}

		@Override
		public AttributeWriter put(String key, String value) {
			if (value != null) {
				string(key, value);
			}
			return this;
		}

		/** Writes a string member; a {@code null} value (from a {@code toString()}) is written as null. */
		private void string(String key, String value) {
			Key known = keyOf(key);
			key(known);
			known.value.write(redact(known, value), known.limit, this.out);
		}

		@Override
		public AttributeWriter putRedacted(String key, String value) {
			if (value != null) {
				Key known = keyOf(key);
				key(known);
				known.value.write(value, known.limit, this.out);
			}
			return this;
		}

		private String redact(Key key, String value) {
			if (value == null || this.redactors.isEmpty() || key.passesEveryValue(this.redactors)) {
				return value;
			}
			return this.redactors.redact(key.field(), value);
		}

		private int limitOf(String key) {
			if (key.equals("db.statement") || key.equals("db.query.text")) {
				return this.limits.statement();
			}
			return (key.startsWith("function.") && (key.startsWith("function.arguments.")
					|| key.equals("function.return_value"))) ? this.limits.argument() : this.limits.attributeValue();
		}

		/** Writes the id from the span, as {@code put} would write the string, when no redactor changes it. */
		@Override
		public AttributeWriter putCorrelationId(String key, Span span) {
			String prefix = span.correlationPrefix();
			Key known = keyOf(key);
			if (prefix == null || prefix.length() + 9 > known.limit
					|| !(this.redactors.isEmpty() || known.passesEveryValue(this.redactors))) {
				return put(key, span.correlationId());
			}
			key(known);
			this.out.raw((byte) '"').stringContent(prefix).raw((byte) '_').hex((int) (span.spanId() >>> 32))
				.raw((byte) '"');
			return this;
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
				if (value instanceof Number || value instanceof Boolean) {
					key(key).value(value);
				}
				else if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
					key(key).value(this.redactors.isEmpty() ? value : this.redactors.redactValue(key, value, false));
				}
				else {
					string(key, value.toString());
				}
			}
			return this;
		}

	}

	/** An attribute key: its encoded form, its limit, its field for the redactors and its last value. */
	private static final class Key {

		/** {@code ,"key":}; written from the second byte for the first member. */
		final byte[] encoded;

		final int limit;

		final RepeatedString value;

		private final String name;

		private Field field;

		private Boolean passesEveryValue;

		Key(String name, int limit, EncodedStrings strings) {
			this.name = name;
			this.limit = limit;
			this.value = new RepeatedString(strings);
			this.encoded = new JsonWriter(name.length() + 8).raw((byte) ',').string(name).raw((byte) ':').toByteArray();
		}

		/** Whether the redactors never change a value of this key; asked once. */
		boolean passesEveryValue(Redactors redactors) {
			Boolean known = this.passesEveryValue;
			if (known == null) {
				known = redactors.passesEveryValue(field());
				this.passesEveryValue = known;
			}
			return known;
		}

		Field field() {
			Field known = this.field;
			if (known == null) {
				known = Field.attribute(this.name);
				this.field = known;
			}
			return known;
		}

	}

}
