package dev.cloudtelemetry.coexistence;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingService;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application that runs Micrometer Tracing with the OpenTelemetry bridge, configured by
 * Spring Boot, its spans collected by an in-memory exporter. One request goes controller, service, a
 * statement and a {@code RestClient} call to the application itself.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "otel",
		disabledReason = "runs in the build's test execution whose class path has that tracer")
class MicrometerTracingCoexistenceTests {

	@TempDir
	Path tempDir;

	@Test
	void starterSpansJoinMicrometersTraceAndOneTraceparentLeaves(CapturedOutput output) throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String body;
		List<SpanData> spans;
		try (ConfigurableApplicationContext context = Greetings.start(jsonl, ExporterConfiguration.class)) {
			body = Greetings.get(context, "/greet/ada");
			spans = finishedSpans(context, 3);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);

		SpanData greetServer = micrometerSpan(spans, SpanKind.SERVER, "/greet/{name}");
		SpanData client = micrometerSpan(spans, SpanKind.CLIENT, null);
		SpanData echoServer = micrometerSpan(spans, SpanKind.SERVER, "/echo");
		String traceId = greetServer.getTraceId();
		assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(traceId));
		assertThat(client.getParentSpanId()).isEqualTo(greetServer.getSpanId());
		assertThat(echoServer.getParentSpanId()).isEqualTo(client.getSpanId());

		// every line of the JSONL is in Micrometer's trace, the starter's server spans under Micrometer's
		assertThat(events).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("trace_id").asString()).isEqualTo(traceId));
		List<JsonNode> serverRequests = Events.all(events, "http_request", Events.kind("server"));
		assertThat(serverRequests).hasSize(2);
		assertThat(serverRequests).map((event) -> event.get("parent_span_id").asString())
			.containsExactlyInAnyOrder(greetServer.getSpanId(), echoServer.getSpanId());
		JsonNode greet = Events.single(events, "function_entry", Events.function("GreetingService.greet"));
		assertThat(Events.single(events, "db_query", (event) -> true).get("parent_span_id"))
			.isEqualTo(greet.get("span_id"));
		JsonNode clientRequest = Events.single(events, "http_request", Events.kind("client"));
		assertThat(clientRequest.get("parent_span_id")).isEqualTo(greet.get("span_id"));

		// exactly one traceparent arrived, Micrometer's: its client span is the echo server span's parent
		// (OpenTelemetry sets the W3C "random trace id" flag beside "sampled": 03)
		assertThat(body.lines().toList()).singleElement()
			.asString()
			.startsWith("00-" + traceId + "-" + client.getSpanId() + "-");

		// the log line of the service carries the same trace in Micrometer's MDC keys and in the starter's
		assertThat(Greetings.loggedMdc(output.getOut())).containsExactly(traceId, greetServer.getSpanId(), traceId);
	}

	@Test
	void aTracedCallOutsideAnyRequestJoinsTheCurrentObservation() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		List<SpanData> spans;
		try (ConfigurableApplicationContext context = Greetings.start(jsonl, ExporterConfiguration.class)) {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			GreetingService service = context.getBean(GreetingService.class);
			assertThat(Observation.createNotStarted("nightly.batch", registry).observe(service::work)).isEqualTo(2);
			spans = finishedSpans(context, 1);
		}
		SpanData batch = spans.stream().filter((span) -> span.getName().equals("nightly.batch")).findFirst().orElseThrow();
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);
		JsonNode work = Events.single(events, "function_entry", Events.function("GreetingService.work"));
		assertThat(work.get("trace_id").asString()).isEqualTo(batch.getTraceId());
		assertThat(work.get("parent_span_id").asString()).isEqualTo(batch.getSpanId());
		assertThat(Events.single(events, "db_query", (event) -> true).get("trace_id").asString())
			.isEqualTo(batch.getTraceId());
	}

	@Test
	void withTheIntegrationSwitchedOffTheStarterKeepsItsOwnTraces() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String body;
		List<SpanData> spans;
		try (ConfigurableApplicationContext context = Greetings.start(jsonl, ExporterConfiguration.class,
				"--telemetry.external-tracers.enabled=false")) {
			body = Greetings.get(context, "/greet/ada");
			spans = finishedSpans(context, 3);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);
		JsonNode greetServer = Events.single(events, "http_request",
				Events.kind("server").and((event) -> event.get("parent_span_id").isNull()));
		String ownTrace = greetServer.get("trace_id").asString();
		assertThat(ownTrace).isNotEqualTo(micrometerSpan(spans, SpanKind.SERVER, "/greet/{name}").getTraceId());
		// the starter's client interceptor runs inside Micrometer's observation and replaces its header
		JsonNode clientRequest = Events.single(events, "http_request", Events.kind("client"));
		assertThat(body.lines().toList())
			.containsExactly("00-" + ownTrace + "-" + clientRequest.get("span_id").asString() + "-01");
	}

	private static List<SpanData> finishedSpans(ConfigurableApplicationContext context, int expected) {
		SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (exporter.getFinishedSpanItems().size() < expected && System.nanoTime() < deadline) {
			provider.forceFlush().join(1, TimeUnit.SECONDS);
		}
		return exporter.getFinishedSpanItems();
	}

	private static SpanData micrometerSpan(List<SpanData> spans, SpanKind kind, String route) {
		List<SpanData> found = spans.stream()
			.filter((span) -> span.getKind() == kind)
			.filter((span) -> route == null || route.equals(
					span.getAttributes().asMap().entrySet().stream()
						.filter((entry) -> entry.getKey().getKey().equals("uri"))
						.map((entry) -> String.valueOf(entry.getValue()))
						.findFirst()
						.orElse(null)))
			.toList();
		assertThat(found).as("%s span %s among %s", kind, route, names(spans)).hasSize(1);
		return found.get(0);
	}

	private static Set<String> names(List<SpanData> spans) {
		return spans.stream().map((span) -> span.getKind() + " " + span.getName() + " " + span.getAttributes())
			.collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	static class ExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
