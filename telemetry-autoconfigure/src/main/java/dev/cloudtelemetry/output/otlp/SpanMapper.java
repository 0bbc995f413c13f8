package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.json.JsonReader;
import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Turns telemetry.v2 lines into OTLP spans: an event with a {@code duration_ns} ends a span and becomes
 * one ({@code function_exit}, {@code http_response}, {@code db_query}); the entry of a call
 * ({@code function_entry}, {@code http_request}) is held until its exit to add its attributes, at most
 * {@code maxOpenSpans} of them (the oldest are let go and counted; their spans are still exported from the
 * exit alone, without the entry's attributes). Other events ({@code exception}, {@code telemetry_dropped})
 * end no span and are not exported. Used by one thread.
 * <p>
 * Lines are read in place from their bytes ({@link EventLine}): nothing is decoded but the texts a span
 * keeps, and those that repeat come from a {@link TextCache}. An entry is held as the bytes of its
 * {@code attributes} object. The resource is made once per distinct run of resource blocks.
 */
final class SpanMapper {

	/** Attribute saying a span's exit was written at {@code WARN} (slow call, 4xx response). */
	static final String SEVERITY_ATTRIBUTE = "telemetry.severity";

	private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private static final AttributeKey<String> SEVERITY_KEY = AttributeKey.stringKey(SEVERITY_ATTRIBUTE);

	private static final TextCache.Text CORRELATION_ID = new TextCache.Text("correlation_id");

	private static final String SPAN_KIND = "span.kind";

	private static final byte[] FUNCTION_ENTRY = ascii(EventTypes.FUNCTION_ENTRY);

	private static final byte[] HTTP_REQUEST = ascii(EventTypes.HTTP_REQUEST);

	private static final byte[] DB_QUERY = ascii(EventTypes.DB_QUERY);

	private static final byte[] WARN = ascii("WARN");

	private static final byte[] ERROR = ascii("ERROR");

	private static final byte[] NO_ATTRIBUTES = ascii("{}");

	private static final TraceFlags SAMPLED = TraceFlags.getSampled();

	private final Map<String, Held> openEntries = new LinkedHashMap<>();

	private final int maxOpenSpans;

	private final @Nullable String serviceName;

	private final TextCache texts = new TextCache();

	private final EventLine line = new EventLine(this.texts);

	private final AttributeMembers entryMembers = new AttributeMembers();

	private final JsonBytes entryJson = new JsonBytes();

	private final JsonBytes json = new JsonBytes();

	private final SpanAttributes.Builder attributes = new SpanAttributes.Builder();

	/** The parent context of the last span that had a parent: siblings, made one after another, share it. */
	private SpanContext lastParent = SpanContext.getInvalid();

	private boolean lastParentRemote;

	private long evictedEntries;

	/** The run of resource blocks of the last line that had one. */
	private byte @Nullable [] lastTail;

	/** The resource of {@link #lastTail}, made when a span first needs it. */
	private @Nullable Resource lastResource;

	private @Nullable Resource noBlocks;

	private long mark;

	private int lineEnd;

	/**
	 * @param maxOpenSpans entries held waiting for their exit
	 * @param serviceName the {@code service.name} to export instead of the events' own
	 * ({@code OTEL_SERVICE_NAME}), or {@code null}
	 */
	SpanMapper(int maxOpenSpans, @Nullable String serviceName) {
		this.maxOpenSpans = maxOpenSpans;
		this.serviceName = serviceName;
	}

	/** Entries let go before their exit arrived. */
	long evictedEntries() {
		return this.evictedEntries;
	}

	/** Entries waiting for their exit. */
	int openSpans() {
		return this.openEntries.size();
	}

	/**
	 * @param bytes lines
	 * @param start where one line starts
	 * @param end where it ends (its line feed, or the end of the bytes)
	 * @return the span the line's event ends, or {@code null} when it ends none
	 * @throws IllegalArgumentException when the line is not a JSON object
	 */
	@Nullable MappedSpan map(byte[] bytes, int start, int end) {
		return map(bytes, start, end, 0);
	}

	/**
	 * As {@link #map(byte[], int, int)}, keeping {@code mark} with the line when it is an entry held until its
	 * exit ({@link #oldestOpenMark()}).
	 * @param mark where the line is, to the caller (such as its place in the files)
	 */
	@Nullable MappedSpan map(byte[] bytes, int start, int end, long mark) {
		this.line.read(bytes, start, end, false, this.lastTail);
		this.mark = mark;
		return mapLine(null);
	}

	/**
	 * Maps the line at {@code start}, which ends at the next line feed: then {@link #lineEnd()} is where that
	 * is, or -1 when there is no line feed before {@code limit} (the line is not mapped).
	 * @param bytes lines
	 * @param start where the line starts
	 * @param limit where the lines end
	 * @return the span the line's event ends, or {@code null} when it ends none
	 * @throws IllegalArgumentException when the line is not a JSON object
	 */
	@Nullable MappedSpan mapNext(byte[] bytes, int start, int limit) {
		this.lineEnd = -1;
		try {
			if (!this.line.read(bytes, start, limit, true, this.lastTail)) {
				return null;
			}
		}
		catch (IllegalArgumentException ex) {
			for (int i = start; i < limit; i++) {
				if (bytes[i] == '\n') {
					throw ex;
				}
			}
			return null;
		}
		this.lineEnd = this.line.lineEnd();
		this.mark = 0;
		return mapLine(null);
	}

	/** Where the line last mapped by {@link #mapNext(byte[], int, int)} ends. */
	int lineEnd() {
		return this.lineEnd;
	}

	/**
	 * @return the mark of the oldest entry still waiting for its exit, or {@link Long#MAX_VALUE} when none
	 * waits: where lines must be read again to pair them after a restart
	 */
	long oldestOpenMark() {
		return this.openEntries.isEmpty() ? Long.MAX_VALUE : this.openEntries.values().iterator().next().mark();
	}

	/**
	 * @param event one parsed line
	 * @return the span the event ends, or {@code null} when it ends none
	 */
	@Nullable MappedSpan map(Map<String, Object> event) {
		return map(event, null);
	}

	/** The resource of the last event mapped with its own blocks. */
	@Nullable Resource lastResource() {
		byte[] tail = this.lastTail;
		return (tail != null) ? tailResource(tail) : null;
	}

	/**
	 * @param event one parsed line, or its fields before {@code service} when {@code resource} is given
	 * @param resource the resource of the event, known from the line before; {@code null} to read it
	 * @return the span the event ends, or {@code null} when it ends none
	 */
	@Nullable MappedSpan map(Map<String, Object> event, @Nullable Resource known) {
		JsonWriter out = new JsonWriter(2048);
		out.value(event);
		this.line.read(out.buffer(), 0, out.length(), false, this.lastTail);
		return mapLine(known);
	}

	private @Nullable MappedSpan mapLine(@Nullable Resource known) {
		EventLine line = this.line;
		byte[] bytes = line.bytes();
		trackTail(line);
		if (!line.isString(EventLine.SPAN_ID)) {
			return null;
		}
		if (!line.isNumber(EventLine.DURATION_NS)) {
			if (line.stringEquals(EventLine.EVENT_TYPE, FUNCTION_ENTRY)
					|| line.stringEquals(EventLine.EVENT_TYPE, HTTP_REQUEST)) {
				hold(line.string(EventLine.SPAN_ID), line.isObject(EventLine.ATTRIBUTES) ? Arrays.copyOfRange(bytes,
						line.valueStart(EventLine.ATTRIBUTES), line.valueEnd(EventLine.ATTRIBUTES)) : NO_ATTRIBUTES);
			}
			return null;
		}
		Resource resource = resource(line, known);
		String spanId = line.string(EventLine.SPAN_ID);
		long durationNanos = line.longValue(EventLine.DURATION_NS);
		if (!line.isNumber(EventLine.TIMESTAMP_NS)) {
			throw new IllegalArgumentException("timestamp_ns is not a number");
		}
		long end = line.longValue(EventLine.TIMESTAMP_NS);
		long start = end - durationNanos;
		Held held = this.openEntries.remove(spanId);
		byte[] entry = (held != null) ? held.attributes() : null;
		AttributesBuilder builder = this.attributes.clear();
		String kindName = attributes(line, entry, builder);
		SpanKind kind = kind(kindName, line.stringEquals(EventLine.EVENT_TYPE, DB_QUERY));
		boolean warn = line.stringEquals(EventLine.SEVERITY, WARN);
		if (warn) {
			builder.put(SEVERITY_KEY, "WARN");
		}
		String traceId = line.isString(EventLine.TRACE_ID) ? text(line, EventLine.TRACE_ID) : null;
		TraceFlags flags = line.isFalse(EventLine.SAMPLED) ? TraceFlags.getDefault() : SAMPLED;
		SpanContext context = SpanContext.create(traceId, spanId, flags, TraceState.getDefault());
		String parentId = line.isString(EventLine.PARENT_SPAN_ID) ? text(line, EventLine.PARENT_SPAN_ID) : null;
		SpanContext parent = (parentId == null) ? SpanContext.getInvalid()
				: parent(traceId, parentId, flags, kind == SpanKind.SERVER);
		StatusData status = StatusData.unset();
		List<EventData> events = List.of();
		if (line.stringEquals(EventLine.SEVERITY, ERROR)) {
			Map<?, ?> error = line.isObject(EventLine.ERROR) ? (Map<?, ?>) parse(bytes,
					line.valueStart(EventLine.ERROR), line.valueEnd(EventLine.ERROR)) : null;
			String description = (error != null) ? describe(error)
					: line.isString(EventLine.MESSAGE) ? line.string(EventLine.MESSAGE) : null;
			status = StatusData.create(StatusCode.ERROR, description);
			if (error != null) {
				events = List.of(EventData.create(end, "exception", exception(error)));
			}
		}
		String name = line.isString(EventLine.FUNCTION_NAME) ? text(line, EventLine.FUNCTION_NAME)
				: String.valueOf(line.isString(EventLine.EVENT_TYPE) ? line.string(EventLine.EVENT_TYPE)
						: line.has(EventLine.EVENT_TYPE) ? parse(bytes, line.valueStart(EventLine.EVENT_TYPE),
								line.valueEnd(EventLine.EVENT_TYPE)) : null);
		return new MappedSpan(name, kind, context, parent, status, start, end, builder.build(), events, resource);
	}

	/**
	 * Adds the entry's and the exit's attributes (the exit's win), the correlation id, and returns the
	 * {@code span.kind} attribute (which is not added) when it is a string.
	 */
	private @Nullable String attributes(EventLine line, byte @Nullable [] entry, AttributesBuilder builder) {
		byte[] bytes = line.bytes();
		AttributeMembers entryMembers = this.entryMembers;
		entryMembers.clear();
		if (entry != null) {
			entryMembers.read(this.entryJson.reset(entry, 0, entry.length), this.texts);
		}
		AttributeMembers exitMembers = line.attributes();
		boolean correlation = line.has(EventLine.CORRELATION_ID) && bytes[line.valueStart(EventLine.CORRELATION_ID)] != 'n';
		if (entryMembers.objectsOrNulls() || exitMembers.objectsOrNulls() || (correlation && line.isObject(EventLine.CORRELATION_ID))) {
			return attributesAsMaps(line, entry, builder);
		}
		// without objects and nulls every attribute is one key and a value, so the builder's "last one wins"
		// merges as a map would
		String kind = entryMembers.putAll(builder, this.json, null, this.texts);
		kind = exitMembers.putAll(builder, this.json, kind, this.texts);
		if (correlation) {
			put(builder, CORRELATION_ID, this.json.reset(bytes, line.valueStart(EventLine.CORRELATION_ID),
					line.valueEnd(EventLine.CORRELATION_ID)), "", this.texts);
		}
		return kind;
	}

	/** The attributes as maps merge them, for the rare attributes whose values are objects or null. */
	private @Nullable String attributesAsMaps(EventLine line, byte @Nullable [] entry, AttributesBuilder builder) {
		byte[] bytes = line.bytes();
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (entry != null) {
			attributes.putAll(asMap(parse(entry, 0, entry.length)));
		}
		if (line.isObject(EventLine.ATTRIBUTES)) {
			attributes.putAll(asMap(parse(bytes, line.valueStart(EventLine.ATTRIBUTES), line.valueEnd(EventLine.ATTRIBUTES))));
		}
		Object kind = attributes.remove(SPAN_KIND);
		if (line.stringEquals(EventLine.SEVERITY, WARN)) {
			attributes.put(SEVERITY_ATTRIBUTE, "WARN");
		}
		Object correlationId = line.has(EventLine.CORRELATION_ID) ? parse(bytes,
				line.valueStart(EventLine.CORRELATION_ID), line.valueEnd(EventLine.CORRELATION_ID)) : null;
		if (correlationId != null) {
			attributes.put(CORRELATION_ID.string, correlationId);
		}
		put(builder, attributes, "");
		return (kind instanceof String text) ? text : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static @Nullable Object parse(byte[] bytes, int start, int end) {
		return JsonReader.parse(new String(bytes, start, end - start, StandardCharsets.UTF_8));
	}

	private String text(EventLine line, int field) {
		return this.texts.string(line.bytes(), line.valueStart(field) + 1, line.valueEnd(field) - 1,
				line.escaped(field));
	}

	/**
	 * The parent's context, the one of the span before when it has the same ids, flags and remoteness (making
	 * one validates both ids character by character).
	 */
	private SpanContext parent(@Nullable String traceId, String parentId, TraceFlags flags, boolean remote) {
		SpanContext last = this.lastParent;
		if (this.lastParentRemote == remote && last.getTraceFlags().equals(flags) && parentId.equals(last.getSpanId())
				&& last.getTraceId().equals(traceId)) {
			return last;
		}
		SpanContext parent = remote ? SpanContext.createFromRemoteParent(traceId, parentId, flags,
				TraceState.getDefault()) : SpanContext.create(traceId, parentId, flags, TraceState.getDefault());
		this.lastParent = parent;
		this.lastParentRemote = remote;
		return parent;
	}

	private void hold(String spanId, byte[] attributes) {
		this.openEntries.put(spanId, new Held(attributes, this.mark));
		if (this.openEntries.size() > this.maxOpenSpans) {
			var eldest = this.openEntries.keySet().iterator();
			eldest.next();
			eldest.remove();
			this.evictedEntries++;
		}
	}

	/** Keeps the run of resource blocks of each line that has one, for the next line to compare with. */
	private void trackTail(EventLine line) {
		if (line.runs() != 1 || line.sameTail()) {
			return;
		}
		int start = line.runStart(0);
		int end = line.runEnd(0);
		byte[] tail = this.lastTail;
		if (tail == null || !Arrays.equals(line.bytes(), start, end, tail, 0, tail.length)) {
			this.lastTail = Arrays.copyOfRange(line.bytes(), start, end);
			this.lastResource = null;
		}
	}

	private Resource resource(EventLine line, @Nullable Resource known) {
		byte[] tail = this.lastTail;
		if (line.runs() == 1 && tail != null) {
			return tailResource(tail);
		}
		if (line.runs() == 0) {
			if (known != null) {
				return known;
			}
			Resource none = this.noBlocks;
			if (none == null) {
				none = Resource.create(ResourceAttributes.of(Map.of(), this.serviceName));
				this.noBlocks = none;
			}
			return none;
		}
		StringBuilder blocks = new StringBuilder("{");
		for (int run = 0; run < line.runs(); run++) {
			blocks.append((run > 0) ? "," : "").append(new String(line.bytes(), line.runStart(run),
					line.runEnd(run) - line.runStart(run), StandardCharsets.UTF_8));
		}
		return Resource.create(ResourceAttributes.of(asMap(JsonReader.parse(blocks.append('}').toString())),
				this.serviceName));
	}

	private Resource tailResource(byte[] tail) {
		Resource resource = this.lastResource;
		if (resource == null) {
			Map<String, Object> blocks = asMap(
					JsonReader.parse("{" + new String(tail, StandardCharsets.UTF_8) + "}"));
			resource = Resource.create(ResourceAttributes.of(blocks, this.serviceName));
			this.lastResource = resource;
		}
		return resource;
	}

	/**
	 * Adds the JSON value at the cursor under {@code key}: strings, numbers ({@code long} or {@code double}) and
	 * booleans as themselves, objects as dotted keys, arrays as arrays of strings; {@code null} adds nothing.
	 */
	static void put(AttributesBuilder builder, TextCache.Text key, JsonBytes json, String prefix, TextCache texts) {
		byte[] bytes = json.bytes();
		byte first = bytes[json.position()];
		switch (first) {
			case '"' -> {
				json.string();
				String value = texts.string(bytes, json.stringStart(), json.stringEnd(), json.stringEscaped());
				builder.put(prefix.isEmpty() ? key.stringKey() : AttributeKey.stringKey(prefix + key.string), value);
			}
			case 't', 'f' -> builder.put(prefix.isEmpty() ? key.booleanKey() : AttributeKey.booleanKey(prefix + key.string),
					first == 't');
			case 'n' -> {
				// null: nothing
			}
			case '{', '[' -> {
				int start = json.position();
				json.skipValue(1);
				put(builder, prefix + key.string, parse(bytes, start, json.position()));
			}
			default -> {
				json.number();
				if (json.integral()) {
					builder.put(prefix.isEmpty() ? key.longKey() : AttributeKey.longKey(prefix + key.string),
							json.longValue());
				}
				else {
					builder.put(prefix.isEmpty() ? key.doubleKey() : AttributeKey.doubleKey(prefix + key.string),
							json.doubleValue());
				}
			}
		}
	}

	private static SpanKind kind(@Nullable String kind, boolean dbQuery) {
		if ("server".equals(kind)) {
			return SpanKind.SERVER;
		}
		if ("client".equals(kind) || dbQuery) {
			return SpanKind.CLIENT;
		}
		if ("producer".equals(kind)) {
			return SpanKind.PRODUCER;
		}
		if ("consumer".equals(kind)) {
			return SpanKind.CONSUMER;
		}
		return SpanKind.INTERNAL;
	}

	private static String describe(Map<?, ?> error) {
		Object message = error.get("message");
		return (message != null) ? error.get("type") + ": " + message : String.valueOf(error.get("type"));
	}

	private static Attributes exception(Map<?, ?> error) {
		AttributesBuilder builder = Attributes.builder().put(EXCEPTION_TYPE, String.valueOf(error.get("type")));
		if (error.get("message") instanceof String message) {
			builder.put(EXCEPTION_MESSAGE, message);
		}
		if (error.get("stacktrace") instanceof String stacktrace) {
			builder.put(EXCEPTION_STACKTRACE, stacktrace);
		}
		return builder.build();
	}

	/** OTLP attributes from JSON values: nested objects become dotted keys, arrays homogeneous arrays. */
	static Attributes toAttributes(Map<?, ?> values, String prefix) {
		AttributesBuilder builder = Attributes.builder();
		put(builder, values, prefix);
		return builder.build();
	}

	static void put(AttributesBuilder builder, Map<?, ?> values, String prefix) {
		values.forEach((key, value) -> put(builder, prefix + key, value));
	}

	static void put(AttributesBuilder builder, String key, @Nullable Object value) {
		if (value instanceof String text) {
			builder.put(key, text);
		}
		else if (value instanceof Long number) {
			builder.put(key, number.longValue());
		}
		else if (value instanceof Number number) {
			builder.put(key, number.doubleValue());
		}
		else if (value instanceof Boolean flag) {
			builder.put(key, flag.booleanValue());
		}
		else if (value instanceof Map<?, ?> map) {
			put(builder, map, key + ".");
		}
		else if (value instanceof List<?> list) {
			List<String> strings = new ArrayList<>(list.size());
			list.forEach((item) -> strings.add(String.valueOf(item)));
			builder.put(AttributeKey.stringArrayKey(key), strings);
		}
	}

	/** An entry waiting for its exit: the bytes of its {@code attributes} object and the caller's mark. */
	private record Held(byte[] attributes, long mark) {

	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
