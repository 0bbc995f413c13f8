package dev.cloudtelemetry.coexistence;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import brave.Span.Kind;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application that runs Micrometer Tracing with the Brave bridge, configured by Spring
 * Boot, its finished spans collected by a {@code SpanHandler}. Runs in the build's {@code brave} test
 * execution, whose class path has Brave instead of OpenTelemetry.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "brave",
		disabledReason = "runs in the build's test execution whose class path has that tracer")
class BraveCoexistenceTests {

	@TempDir
	Path tempDir;

	@Test
	void starterSpansJoinBravesTraceAndOneTraceparentLeaves(CapturedOutput output) throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String body;
		List<MutableSpan> spans;
		try (ConfigurableApplicationContext context = Greetings.start(jsonl, CollectorConfiguration.class)) {
			body = Greetings.get(context, "/greet/ada");
			spans = context.getBean(CollectingSpanHandler.class).await(3);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);

		MutableSpan greetServer = braveSpan(spans, Kind.SERVER, "/greet/{name}");
		MutableSpan client = braveSpan(spans, Kind.CLIENT, null);
		MutableSpan echoServer = braveSpan(spans, Kind.SERVER, "/echo");
		String traceId = greetServer.traceId();
		assertThat(traceId).hasSize(32);
		assertThat(spans).allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(traceId));
		assertThat(echoServer.parentId()).isEqualTo(client.id());

		assertThat(events).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("trace_id").asString()).isEqualTo(traceId));
		assertThat(Events.all(events, "http_request", Events.kind("server")))
			.map((event) -> event.get("parent_span_id").asString())
			.containsExactlyInAnyOrder(greetServer.id(), echoServer.id());

		assertThat(body.lines().toList()).singleElement()
			.asString()
			.startsWith("00-" + traceId + "-" + client.id() + "-");
		assertThat(Greetings.loggedMdc(output.getOut())).containsExactly(traceId, greetServer.id(), traceId);
	}

	private static MutableSpan braveSpan(List<MutableSpan> spans, Kind kind, String route) {
		List<MutableSpan> found = spans.stream()
			.filter((span) -> span.kind() == kind)
			.filter((span) -> route == null || route.equals(span.tag("uri")))
			.toList();
		assertThat(found).as("%s span %s among %s", kind, route, spans).hasSize(1);
		return found.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class CollectorConfiguration {

		@Bean
		CollectingSpanHandler collectingSpanHandler() {
			return new CollectingSpanHandler();
		}

	}

	/** Keeps every finished span. */
	static class CollectingSpanHandler extends SpanHandler {

		private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.spans.add(span);
			}
			return true;
		}

		List<MutableSpan> await(int expected) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.spans.size() < expected && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			return List.copyOf(this.spans);
		}

	}

}
