package dev.cloudtelemetry.autoconfigure.otlp;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.shop.ShopApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import dev.cloudtelemetry.output.otlp.OtlpExportStats;
import dev.cloudtelemetry.output.otlp.OtlpExporter;
import dev.cloudtelemetry.output.otlp.OtlpGrpcReceiver;
import dev.cloudtelemetry.output.otlp.OtlpHttpReceiver;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A shop (controller → services → Spring Data JPA on H2, an outgoing {@code RestClient} call to itself)
 * writing JSONL and exporting over OTLP to a real receiver: every span the receiver got is compared with the
 * JSONL lines of that span, field by field.
 */
class OtlpExportIntegrationTests {

	@TempDir
	Path tempDir;

	@Test
	void overHttpEverySpanMatchesItsJsonLines() throws Exception {
		try (OtlpHttpReceiver receiver = new OtlpHttpReceiver()) {
			Path output = this.tempDir.resolve("telemetry.jsonl");
			OtlpExportStats stats = runShop(output, "telemetry.export.otlp.endpoint=" + receiver.endpoint());
			compare(TelemetrySchema.readValidated(output), receiver.requests().stream()
				.flatMap((request) -> request.getResourceSpansList().stream())
				.toList(), stats);
		}
	}

	@Test
	void overGrpcEverySpanMatchesItsJsonLines() throws Exception {
		try (OtlpGrpcReceiver receiver = new OtlpGrpcReceiver()) {
			Path output = this.tempDir.resolve("telemetry.jsonl");
			OtlpExportStats stats = runShop(output, "telemetry.export.otlp.endpoint=" + receiver.endpoint(),
					"telemetry.export.otlp.protocol=grpc", "telemetry.export.otlp.compression=gzip");
			compare(TelemetrySchema.readValidated(output), receiver.requests().stream()
				.flatMap((request) -> request.getResourceSpansList().stream())
				.toList(), stats);
		}
	}

	private OtlpExportStats runShop(Path output, String... properties) {
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + output, "server.port=0",
				"server.address=127.0.0.1", "spring.application.name=shop", "telemetry.environment=staging",
				"spring.datasource.url=jdbc:h2:mem:otlp" + System.nanoTime(), "telemetry.export.otlp.enabled=true",
				"telemetry.export.otlp.schedule-delay=50ms", "telemetry.output.metadata-wait=0s"));
		all.addAll(List.of(properties));
		OtlpExporter exporter;
		try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run()) {
			exporter = shop.getBean(OtlpExporter.class);
			String base = "http://127.0.0.1:" + shop.getEnvironment().getRequiredProperty("local.server.port");
			RestClient client = shop.getBean(RestClient.Builder.class).build();
			JsonNode order = client.post()
				.uri(URI.create(base + "/orders?item=mug&quantity=2"))
				.retrieve()
				.body(JsonNode.class);
			client.get().uri(URI.create(base + "/orders/" + order.get("id").asLong())).retrieve().toBodilessEntity();
			assertThatExceptionOfType(HttpServerErrorException.class)
				.isThrownBy(() -> client.get().uri(URI.create(base + "/orders/987654")).retrieve().toBodilessEntity());
		}
		return exporter.stats();
	}

	private static void compare(List<JsonNode> events, List<ResourceSpans> received, OtlpExportStats stats) {
		Map<String, JsonNode> entries = new HashMap<>();
		List<JsonNode> ends = new ArrayList<>();
		events.forEach((event) -> {
			if (event.get("duration_ns").isNull()) {
				entries.put(event.get("span_id").asString(), event);
			}
			else {
				ends.add(event);
			}
		});
		Map<String, Span> spans = new HashMap<>();
		Map<String, Map<String, String>> resources = new HashMap<>();
		for (ResourceSpans resourceSpans : received) {
			Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
			for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
				for (Span span : scope.getSpansList()) {
					String id = hex(span.getSpanId().toByteArray());
					assertThat(spans.put(id, span)).as("span %s arrived once", id).isNull();
					resources.put(id, resource);
				}
			}
		}
		assertThat(ends).as("the shop's traced calls").hasSizeGreaterThan(10);
		assertThat(ends.stream().map((e) -> e.get("event_type").asString()).distinct())
			.contains("function_exit", "http_response", "db_query");
		assertThat(spans.keySet()).containsExactlyInAnyOrderElementsOf(
				ends.stream().map((e) -> e.get("span_id").asString()).toList());
		assertThat(stats.produced()).isEqualTo(ends.size());
		assertThat(stats.exported()).isEqualTo(ends.size());
		assertThat(stats.droppedTotal()).isZero();
		for (JsonNode end : ends) {
			String id = end.get("span_id").asString();
			Span span = spans.get(id);
			String what = end.get("event_type").asString() + " " + end.get("function_name").asString();
			assertThat(hex(span.getTraceId().toByteArray())).as(what).isEqualTo(end.get("trace_id").asString());
			assertThat(hex(span.getParentSpanId().toByteArray())).as(what)
				.isEqualTo(end.get("parent_span_id").isNull() ? "" : end.get("parent_span_id").asString());
			assertThat(span.getName()).as(what).isEqualTo(end.get("function_name").asString());
			long endNanos = end.get("timestamp_ns").asLong();
			assertThat(span.getEndTimeUnixNano()).as(what).isEqualTo(endNanos);
			assertThat(span.getStartTimeUnixNano()).as(what).isEqualTo(endNanos - end.get("duration_ns").asLong());
			JsonNode entry = entries.get(id);
			if (entry != null) {
				assertThat(span.getStartTimeUnixNano()).as(what).isEqualTo(entry.get("timestamp_ns").asLong());
			}
			Map<String, String> expected = new HashMap<>();
			if (entry != null) {
				entry.get("attributes").properties().forEach((a) -> expected.put(a.getKey(), text(a.getValue())));
			}
			end.get("attributes").properties().forEach((a) -> expected.put(a.getKey(), text(a.getValue())));
			String kind = expected.remove("span.kind");
			expected.put("correlation_id", end.get("correlation_id").asString());
			if (end.get("severity").asString().equals("WARN")) {
				expected.put("telemetry.severity", "WARN");
			}
			assertThat(attributes(span.getAttributesList())).as(what).isEqualTo(expected);
			assertThat(span.getKind()).as(what)
				.isEqualTo("server".equals(kind) ? Span.SpanKind.SPAN_KIND_SERVER
						: ("client".equals(kind) || what.startsWith("db_query")) ? Span.SpanKind.SPAN_KIND_CLIENT
								: Span.SpanKind.SPAN_KIND_INTERNAL);
			if (end.get("severity").asString().equals("ERROR")) {
				assertThat(span.getStatus().getCode()).as(what).isEqualTo(StatusCode.STATUS_CODE_ERROR);
				assertThat(span.getEventsList()).as(what).singleElement().satisfies((event) -> {
					assertThat(event.getName()).isEqualTo("exception");
					assertThat(attributes(event.getAttributesList())).containsEntry("exception.type",
							end.get("error").get("type").asString());
				});
			}
			else {
				assertThat(span.getStatus().getCode()).as(what).isEqualTo(StatusCode.STATUS_CODE_UNSET);
				assertThat(span.getEventsList()).as(what).isEmpty();
			}
			Map<String, String> resource = resources.get(id);
			assertThat(resource).as(what)
				.containsEntry("service.name", end.get("service").get("name").asString())
				.containsEntry("service.version", end.get("service").get("version").asString())
				.containsEntry("deployment.environment.name", "staging")
				.containsEntry("telemetry.sdk.name", end.get("resource").get("telemetry.sdk.name").asString())
				.containsEntry("telemetry.sdk.version", end.get("resource").get("telemetry.sdk.version").asString())
				.containsEntry("process.runtime.version", end.get("resource").get("runtime.version").asString())
				.containsEntry("os.type", end.get("resource").get("os.type").asString())
				.containsEntry("process.pid", end.get("process").get("pid").asString())
				.containsEntry("process.command_line", end.get("process").get("command_line").asString())
				.containsEntry("host.name", end.get("host").get("name").asString());
		}
		assertThat(ends).anySatisfy((end) -> assertThat(end.get("severity").asString()).isEqualTo("ERROR"));
	}

	private static String text(JsonNode value) {
		return value.isString() ? value.asString() : value.toString();
	}

	static Map<String, String> attributes(List<KeyValue> values) {
		Map<String, String> result = new HashMap<>();
		values.forEach((value) -> result.put(value.getKey(), switch (value.getValue().getValueCase()) {
			case STRING_VALUE -> value.getValue().getStringValue();
			case INT_VALUE -> Long.toString(value.getValue().getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getValue().getDoubleValue());
			case BOOL_VALUE -> Boolean.toString(value.getValue().getBoolValue());
			default -> value.getValue().toString();
		}));
		return result;
	}

	static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
