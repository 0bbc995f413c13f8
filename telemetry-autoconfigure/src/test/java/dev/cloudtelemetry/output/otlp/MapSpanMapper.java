package dev.cloudtelemetry.output.otlp;

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

/**
 * The mapping as it was before lines were read in place: each line parsed by {@code JsonReader} into maps.
 * Kept as the oracle that {@link SpanMapper} must agree with on every line.
 */
final class MapSpanMapper {

	private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private static final TraceFlags SAMPLED = TraceFlags.getSampled();

	private final Map<String, Map<String, Object>> openEntries = new LinkedHashMap<>();

	private final int maxOpenSpans;

	private final @Nullable String serviceName;

	private long evictedEntries;

	private @Nullable List<Object> lastResourceKey;

	private @Nullable Resource lastResource;

	/**
	 * @param maxOpenSpans entries held waiting for their exit
	 * @param serviceName the {@code service.name} to export instead of the events' own
	 * ({@code OTEL_SERVICE_NAME}), or {@code null}
	 */
	MapSpanMapper(int maxOpenSpans, @Nullable String serviceName) {
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
	 * @param event one parsed line
	 * @return the span the event ends, or {@code null} when it ends none
	 */
	@Nullable MappedSpan map(Map<String, Object> event) {
		return map(event, null);
	}

	/** The resource of the last event mapped with its own blocks. */
	@Nullable Resource lastResource() {
		return this.lastResource;
	}

	/**
	 * @param event one parsed line, or its fields before {@code service} when {@code resource} is given
	 * @param resource the resource of the event, known from the line before; {@code null} to read it
	 * @return the span the event ends, or {@code null} when it ends none
	 */
	@Nullable MappedSpan map(Map<String, Object> event, @Nullable Resource known) {
		// read even from an entry, so that the lines after it can reuse it
		Resource resource = (known != null) ? known : resource(event);
		String spanId = text(event, "span_id");
		Object duration = event.get("duration_ns");
		if (spanId == null) {
			return null;
		}
		if (!(duration instanceof Number durationNanos)) {
			Object type = event.get("event_type");
			if (EventTypes.FUNCTION_ENTRY.equals(type) || EventTypes.HTTP_REQUEST.equals(type)) {
				hold(spanId, attributes(event));
			}
			return null;
		}
		Map<String, Object> entry = this.openEntries.remove(spanId);
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (entry != null) {
			attributes.putAll(entry);
		}
		attributes.putAll(attributes(event));
		Object kindName = attributes.remove("span.kind");
		SpanKind kind = kind(kindName, event.get("event_type"));
		String severity = text(event, "severity");
		if ("WARN".equals(severity)) {
			attributes.put(SpanMapper.SEVERITY_ATTRIBUTE, severity);
		}
		Object correlationId = event.get("correlation_id");
		if (correlationId != null) {
			attributes.put("correlation_id", correlationId);
		}
		long end = ((Number) event.get("timestamp_ns")).longValue();
		long start = end - durationNanos.longValue();
		String traceId = text(event, "trace_id");
		TraceFlags flags = Boolean.FALSE.equals(event.get("sampled")) ? TraceFlags.getDefault() : SAMPLED;
		SpanContext context = SpanContext.create(traceId, spanId, flags, TraceState.getDefault());
		String parentId = text(event, "parent_span_id");
		SpanContext parent = (parentId == null) ? SpanContext.getInvalid()
				: (kind == SpanKind.SERVER) ? SpanContext.createFromRemoteParent(traceId, parentId, flags,
						TraceState.getDefault()) : SpanContext.create(traceId, parentId, flags, TraceState.getDefault());
		StatusData status = StatusData.unset();
		List<EventData> events = List.of();
		if ("ERROR".equals(severity)) {
			Map<?, ?> error = (event.get("error") instanceof Map<?, ?> map) ? map : null;
			String description = (error != null) ? describe(error) : text(event, "message");
			status = StatusData.create(StatusCode.ERROR, description);
			if (error != null) {
				events = List.of(EventData.create(end, "exception", exception(error)));
			}
		}
		String name = text(event, "function_name");
		return new MappedSpan((name != null) ? name : String.valueOf(event.get("event_type")), kind, context, parent,
				status, start, end, SpanMapper.toAttributes(attributes, ""), events, resource);
	}

	private void hold(String spanId, Map<String, Object> attributes) {
		this.openEntries.put(spanId, attributes);
		if (this.openEntries.size() > this.maxOpenSpans) {
			var eldest = this.openEntries.keySet().iterator();
			eldest.next();
			eldest.remove();
			this.evictedEntries++;
		}
	}

	private static Map<String, Object> attributes(Map<String, Object> event) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (event.get("attributes") instanceof Map<?, ?> attributes) {
			attributes.forEach((key, value) -> result.put(String.valueOf(key), value));
		}
		return result;
	}

	private static SpanKind kind(@Nullable Object kind, @Nullable Object eventType) {
		if ("server".equals(kind)) {
			return SpanKind.SERVER;
		}
		if ("client".equals(kind) || EventTypes.DB_QUERY.equals(eventType)) {
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

	private Resource resource(Map<String, Object> event) {
		List<Object> key = Arrays.asList(event.get("service"), event.get("environment"), event.get("resource"),
				event.get("cloud"), event.get("host"), event.get("k8s"), event.get("process"));
		if (this.lastResource != null && key.equals(this.lastResourceKey)) {
			return this.lastResource;
		}
		this.lastResource = Resource.create(ResourceAttributes.of(event, this.serviceName));
		this.lastResourceKey = key;
		return this.lastResource;
	}

	private static @Nullable String text(Map<String, Object> event, String field) {
		return (event.get(field) instanceof String text) ? text : null;
	}

}
