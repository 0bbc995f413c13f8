package dev.cloudtelemetry.core.encode;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

class EventEncoderTests {

	private static final long NOW = Instant.parse("2025-10-30T15:04:00.123456789Z").getEpochSecond() * 1_000_000_000L
			+ 123_456_789L;

	private final SpanFactory spans = new SpanFactory(() -> NOW);

	static Resource resource(boolean kubernetes) {
		ResourceBuilder builder = new ResourceBuilder();
		builder.service().put("name", "user-api");
		builder.service().put("version", "1.2.3");
		builder.environment("prod");
		builder.resource().put("telemetry.sdk.name", "custom-injector");
		builder.resource().put("telemetry.sdk.version", "2.0.0");
		builder.resource().put("runtime.name", "java");
		builder.resource().put("runtime.version", "17.0.15");
		builder.resource().put("os.type", "linux");
		builder.resource().put("os.description", "Linux 5.10.0");
		builder.host().put("name", "ip-172-31-23-45.ec2.internal");
		builder.host().put("ip", "172.31.23.45");
		if (kubernetes) {
			builder.k8s().put("namespace.name", "payments");
			builder.k8s().put("pod_labels", java.util.Map.of("app", "payment-api"));
		}
		builder.process().put("pid", 3421L);
		builder.process().put("executable", "/usr/bin/java");
		builder.process().put("command_line", "java -jar app.jar");
		return builder.build();
	}

	private JsonNode encode(GenericEvent event, long sequence, boolean kubernetes, boolean stackTraces) {
		Resource resource = resource(kubernetes);
		EventEncoder encoder = new EventEncoder(() -> resource, stackTraces, 200);
		JsonWriter out = new JsonWriter(64);
		encoder.encode(event, sequence, out);
		List<JsonNode> events = TelemetrySchema.validateLines(out.toString());
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	@Test
	void writesTheSpecificationFieldsInOrderWithMatchingTimestamps() {
		Span span = this.spans.start(null, "fetch_user_data", "func", null);
		JsonNode event = encode(GenericEvent.builder(EventTypes.HTTP_REQUEST, NOW).span(span).message("hello")
			.attribute("http.method", "GET").attribute("http.status_code", 200).build(), 7, false, false);
		assertThat(event.get("timestamp").asString()).isEqualTo("2025-10-30T15:04:00.123Z");
		assertThat(event.get("timestamp_ns").asLong()).isEqualTo(NOW);
		assertThat(event.get("sequence").asLong()).isEqualTo(7);
		assertThat(event.get("trace_id").asString()).isEqualTo(span.traceIdHex()).hasSize(32);
		assertThat(event.get("span_id").asString()).isEqualTo(span.spanIdHex()).hasSize(16);
		assertThat(event.get("parent_span_id").isNull()).isTrue();
		assertThat(event.get("duration_ns").isNull()).isTrue();
		assertThat(event.get("attributes").get("http.status_code").asInt()).isEqualTo(200);
		assertThat(event.get("correlation_id").asString()).isEqualTo(span.correlationId()).startsWith("func_");
		assertThat(event.has("k8s")).isFalse();
		assertThat(event.has("error")).isFalse();
		assertThat(event.get("cloud").get("provider").asString()).isEqualTo("local");
	}

	@Test
	void childSpansCarryTheParentAndTheKubernetesBlockAppearsWhenKnown() {
		Span parent = this.spans.start(null, "a", "func", null);
		Span child = this.spans.start(parent, "b", "func", null);
		JsonNode event = encode(GenericEvent.builder(EventTypes.DB_QUERY, NOW).span(child).durationNanos(5).build(), 1,
				true, false);
		assertThat(event.get("trace_id").asString()).isEqualTo(parent.traceIdHex());
		assertThat(event.get("parent_span_id").asString()).isEqualTo(parent.spanIdHex());
		assertThat(event.get("duration_ns").asLong()).isEqualTo(5);
		assertThat(event.get("k8s").get("pod_labels").get("app").asString()).isEqualTo("payment-api");
	}

	@Test
	void errorsCarryTypeMessageAndATruncatedStackTraceWhenEnabled() {
		Span span = this.spans.start(null, "f", "func", null);
		IllegalStateException error = new IllegalStateException("Connection timeout after 30s");
		GenericEvent event = GenericEvent.builder(EventTypes.EXCEPTION, NOW).span(span).severity(Severity.ERROR)
			.error(error).build();
		JsonNode without = encode(event, 1, false, false);
		assertThat(without.get("error").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(without.get("error").get("message").asString()).isEqualTo("Connection timeout after 30s");
		assertThat(without.get("error").get("stacktrace").isNull()).isTrue();
		JsonNode with = encode(event, 1, false, true);
		assertThat(with.get("error").get("stacktrace").asString())
			.startsWith("java.lang.IllegalStateException: Connection timeout after 30s")
			.containsPattern("\\.\\.\\.\\[truncated \\d+ chars\\]$");
	}

	@Test
	void eachTextIsCutAtItsLimitWithAMarkerSayingHowMuchWasCut() {
		Span span = this.spans.start(null, "f", "func", null);
		RuntimeException error = new IllegalStateException("e".repeat(50_000));
		GenericEvent event = GenericEvent.builder(EventTypes.EXCEPTION, NOW)
			.span(span)
			.severity(Severity.ERROR)
			.message("m".repeat(100_000))
			.attribute("note", "a".repeat(10_000))
			.attribute("db.statement", "select " + "x".repeat(30_000))
			.error(error)
			.build();
		EventEncoder encoder = new EventEncoder(() -> resource(false), true, new Limits(1000, 100, 2000, 500, 3000),
				Redactors.NONE);
		JsonWriter out = new JsonWriter(256);
		encoder.encode(event, 1, out);
		JsonNode line = TelemetrySchema.validate(out.toString().stripTrailing());
		assertThat(line.get("message").asString()).isEqualTo("m".repeat(1000) + "...[truncated 99000 chars]");
		assertThat(line.get("attributes").get("note").asString()).isEqualTo("a".repeat(100) + "...[truncated 9900 chars]");
		assertThat(line.get("attributes").get("db.statement").asString()).hasSize(2000 + "...[truncated 28007 chars]".length())
			.endsWith("...[truncated 28007 chars]");
		assertThat(line.get("error").get("message").asString()).isEqualTo("e".repeat(500) + "...[truncated 49500 chars]");
		String stackTrace = line.get("error").get("stacktrace").asString();
		assertThat(stackTrace).startsWith("java.lang.IllegalStateException: eee").containsPattern("truncated \\d+ chars\\]$");
		assertThat(stackTrace.length()).isLessThan(3100);
	}

	@Test
	void staticBlocksAreEncodedOncePerResource() {
		Resource resource = resource(false);
		int[] calls = { 0 };
		EventEncoder encoder = new EventEncoder(() -> {
			calls[0]++;
			return resource;
		}, false, 100);
		JsonWriter out = new JsonWriter(64);
		Span span = this.spans.start(null, "f", "func", null);
		encoder.encode(GenericEvent.builder("x", NOW).span(span).build(), 1, out);
		int length = out.length();
		encoder.encode(GenericEvent.builder("x", NOW).span(span).build(), 2, out);
		assertThat(out.length()).isEqualTo(2 * length);
		assertThat(TelemetrySchema.validateLines(out.toString())).hasSize(2);
	}

	@Test
	void timestampsAcrossDayBoundariesAndBeforeTheEpochAreFormattedCorrectly() {
		TimestampFormatter formatter = new TimestampFormatter();
		for (String instant : List.of("2024-02-29T23:59:59.999Z", "2024-03-01T00:00:00.000Z", "1969-12-31T23:59:59.500Z",
				"2099-12-31T12:00:00.001Z")) {
			Instant parsed = Instant.parse(instant);
			JsonWriter out = new JsonWriter(8);
			formatter.write(parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano(), out);
			assertThat(out.toString()).isEqualTo(instant);
		}
	}

}
