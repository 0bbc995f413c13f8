package dev.cloudtelemetry.benchmarks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.TraceIds;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.resource.Resource;

/**
 * The alternatives to the hand-written {@code EventEncoder}, writing the same telemetry.v2 line with
 * Jackson 3: field by field through a {@link JsonGenerator} (static blocks encoded once and copied as
 * UTF-8 bytes, as the hand-written encoder does), and as a map through {@code ObjectMapper} data binding
 * (the obvious implementation). Both use the JDK's ways of formatting what Jackson does not format
 * itself: {@link DateTimeFormatter} for the timestamp and hex strings for the ids. Events without errors
 * only, which is what the benchmark writes.
 */
final class JacksonEventEncoders {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Map<String, Object> SCHEMA = Map.of("format", "telemetry.v2", "version", "2.0.0");

	private JacksonEventEncoders() {
	}

	static String timestamp(long epochNanos) {
		return TIMESTAMP.format(Instant.ofEpochSecond(0, epochNanos));
	}

	/**
	 * Writes field by field with a {@link JsonGenerator}.
	 */
	static final class Streaming {

		private final JsonGenerator generator;

		private final SerializableString staticBlocks;

		private final GeneratorAttributes attributes;

		Streaming(JsonMapper mapper, Resource resource, LineOutput out) {
			this.generator = mapper.createGenerator(out);
			this.attributes = new GeneratorAttributes(this.generator);
			this.staticBlocks = new SerializedString(staticBlocks(mapper, resource));
		}

		private static String staticBlocks(JsonMapper mapper, Resource resource) {
			Map<String, Object> blocks = new LinkedHashMap<>();
			putResource(blocks, resource);
			String json = mapper.writeValueAsString(blocks);
			return "," + json.substring(1, json.length() - 1);
		}

		void encode(TelemetryEvent event, long sequence) {
			try {
				encodeEvent(event, sequence);
			}
			finally {
				// like EventEncoder: a call is one object written twice, as its entry then its exit
				event.afterEncoding();
			}
		}

		private void encodeEvent(TelemetryEvent event, long sequence) {
			JsonGenerator out = this.generator;
			Span span = event.span();
			out.writeStartObject();
			out.writeName("schema");
			out.writeStartObject();
			out.writeStringProperty("format", "telemetry.v2");
			out.writeStringProperty("version", "2.0.0");
			out.writeEndObject();
			out.writeStringProperty("timestamp", timestamp(event.timestampNanos()));
			out.writeNumberProperty("timestamp_ns", event.timestampNanos());
			out.writeNumberProperty("sequence", sequence);
			out.writeStringProperty("event_type", event.eventType());
			out.writeStringProperty("severity", event.severity().name());
			out.writeStringProperty("function_name", event.functionName());
			if (span != null) {
				out.writeStringProperty("trace_id", span.traceIdHex());
				out.writeStringProperty("span_id", span.spanIdHex());
				out.writeStringProperty("parent_span_id",
						(span.parentSpanId() != 0) ? TraceIds.toHex(span.parentSpanId()) : null);
			}
			else {
				out.writeNullProperty("trace_id");
				out.writeNullProperty("span_id");
				out.writeNullProperty("parent_span_id");
			}
			long duration = event.durationNanos();
			if (duration >= 0) {
				out.writeNumberProperty("duration_ns", duration);
			}
			else {
				out.writeNullProperty("duration_ns");
			}
			out.writeStringProperty("message", event.message());
			out.writeName("attributes");
			out.writeStartObject();
			event.writeAttributes(this.attributes);
			out.writeEndObject();
			out.writeStringProperty("correlation_id", event.correlationId());
			out.writeRaw(this.staticBlocks);
			out.writeEndObject();
			out.writeRaw('\n');
			out.flush();
		}

	}

	/**
	 * Builds a map per event and serializes it with data binding.
	 */
	static final class Databind {

		private final JsonMapper mapper;

		private final Resource resource;

		Databind(JsonMapper mapper, Resource resource) {
			this.mapper = mapper;
			this.resource = resource;
		}

		void encode(TelemetryEvent event, long sequence, LineOutput out) {
			try {
				encodeEvent(event, sequence, out);
			}
			finally {
				event.afterEncoding();
			}
		}

		private void encodeEvent(TelemetryEvent event, long sequence, LineOutput out) {
			Span span = event.span();
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("schema", SCHEMA);
			line.put("timestamp", timestamp(event.timestampNanos()));
			line.put("timestamp_ns", event.timestampNanos());
			line.put("sequence", sequence);
			line.put("event_type", event.eventType());
			line.put("severity", event.severity().name());
			line.put("function_name", event.functionName());
			line.put("trace_id", (span != null) ? span.traceIdHex() : null);
			line.put("span_id", (span != null) ? span.spanIdHex() : null);
			line.put("parent_span_id",
					(span != null && span.parentSpanId() != 0) ? TraceIds.toHex(span.parentSpanId()) : null);
			long duration = event.durationNanos();
			line.put("duration_ns", (duration >= 0) ? duration : null);
			line.put("message", event.message());
			MapAttributes attributes = new MapAttributes();
			event.writeAttributes(attributes);
			line.put("attributes", attributes.map);
			line.put("correlation_id", event.correlationId());
			putResource(line, this.resource);
			this.mapper.writeValue(out, line);
			out.write('\n');
		}

	}

	private static void putResource(Map<String, Object> line, Resource resource) {
		line.put("service", resource.service());
		line.put("environment", resource.environment());
		line.put("resource", resource.resource());
		line.put("cloud", resource.cloud());
		line.put("host", resource.host());
		if (!resource.k8s().isEmpty()) {
			line.put("k8s", resource.k8s());
		}
		line.put("process", resource.process());
	}

	private static final class GeneratorAttributes implements AttributeWriter {

		private final JsonGenerator out;

		GeneratorAttributes(JsonGenerator out) {
			this.out = out;
		}

		@Override
		public AttributeWriter put(String key, String value) {
			if (value != null) {
				this.out.writeStringProperty(key, value);
			}
			return this;
		}

		@Override
		public AttributeWriter put(String key, long value) {
			this.out.writeNumberProperty(key, value);
			return this;
		}

		@Override
		public AttributeWriter put(String key, boolean value) {
			this.out.writeBooleanProperty(key, value);
			return this;
		}

		@Override
		public AttributeWriter putValue(String key, Object value) {
			if (value != null) {
				this.out.writePOJOProperty(key, value);
			}
			return this;
		}

	}

	private static final class MapAttributes implements AttributeWriter {

		private final Map<String, Object> map = new LinkedHashMap<>();

		@Override
		public AttributeWriter put(String key, String value) {
			if (value != null) {
				this.map.put(key, value);
			}
			return this;
		}

		@Override
		public AttributeWriter put(String key, long value) {
			this.map.put(key, value);
			return this;
		}

		@Override
		public AttributeWriter put(String key, boolean value) {
			this.map.put(key, value);
			return this;
		}

		@Override
		public AttributeWriter putValue(String key, Object value) {
			if (value != null) {
				this.map.put(key, value);
			}
			return this;
		}

	}

}
