package dev.cloudtelemetry.coexistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingApplication;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application started with the OpenTelemetry Java agent ({@code -javaagent}, from Maven
 * Central) and its logging exporter, in a child JVM. The application has {@code opentelemetry-api} on its
 * class path, which the agent bridges to its own context, and no Micrometer Tracing. One request goes
 * controller, service, a statement and a {@code RestClient} call to the application itself; the test reads
 * the exporter's lines and the JSONL.
 */
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "otel",
		disabledReason = "runs in the build's test execution whose class path has that tracer")
class OpenTelemetryAgentCoexistenceTests {

	/** {@code LoggingSpanExporter}: {@code 'name' : traceId spanId KIND [tracer: scope] attributes}. */
	private static final Pattern SPAN_LINE = Pattern
		.compile("'([^']*)' : ([0-9a-f]{32}) ([0-9a-f]{16}) ([A-Z]+) \\[tracer: ([^\\]]*)\\] (.*)");

	private static final Pattern MDC_LINE = Pattern.compile("greeting ada mdc trace_id=([0-9a-f]*) span_id=([0-9a-f]*)");

	@TempDir
	Path tempDir;

	@Test
	void starterSpansJoinTheAgentsTraceAndOneTraceparentLeaves() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		Path output = this.tempDir.resolve("child.out");
		Process child = startWithAgent(jsonl, output);
		String body;
		try {
			body = ChildApplication.get(ChildApplication.awaitPort(child, output, 1), "/greet/ada");
		}
		finally {
			// SIGTERM: Spring closes the context (the JSONL is flushed), the agent flushes its exporter
			child.destroy();
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM stopped").isTrue();
		}
		String log = Files.readString(output);
		List<AgentSpan> spans = SPAN_LINE.matcher(log).results().map(AgentSpan::new).toList();
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);

		AgentSpan greetServer = only(spans, "SERVER", "GET /greet/{name}", log);
		AgentSpan echoServer = only(spans, "SERVER", "GET /echo", log);
		String traceId = greetServer.traceId();
		assertThat(echoServer.traceId()).isEqualTo(traceId);

		// exactly one traceparent arrived, written by the agent's HTTP client span
		assertThat(body.lines().toList()).hasSize(1);
		String traceparent = body.lines().findFirst().orElseThrow();
		assertThat(traceparent).startsWith("00-" + traceId + "-");
		String sentParent = traceparent.substring(36, 52);
		assertThat(spans).as("the agent span that wrote the traceparent, in %s", log)
			.anyMatch((span) -> span.spanId().equals(sentParent) && span.kind().equals("CLIENT"));

		// every JSONL line is in the agent's trace; the starter's server spans are children of the agent's
		assertThat(events).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("trace_id").asString()).isEqualTo(traceId));
		assertThat(Events.all(events, "http_request", Events.kind("server")))
			.map((event) -> event.get("parent_span_id").asString())
			.containsExactlyInAnyOrder(greetServer.spanId(), echoServer.spanId());

		// JDBC: one db_query in the JSONL and one statement span from the agent, in the same trace
		JsonNode query = Events.single(events, "db_query", (event) -> true);
		assertThat(spans.stream().filter((span) -> span.name().startsWith("SELECT")).toList())
			.as("the agent's JDBC spans in %s", log)
			.singleElement()
			.satisfies((span) -> assertThat(span.traceId()).isEqualTo(query.get("trace_id").asString()));

		// the agent and the starter share the MDC keys trace_id and span_id: the starter's values, same trace
		Matcher mdc = MDC_LINE.matcher(log);
		assertThat(mdc.find()).as("the service's log line in %s", log).isTrue();
		assertThat(mdc.group(1)).isEqualTo(traceId);
		assertThat(mdc.group(2)).isEqualTo(
				Events.single(events, "function_entry", Events.function("GreetingService.greet")).get("span_id")
					.asString());
	}

	private Process startWithAgent(Path jsonl, Path output) throws IOException {
		String agent = System.getProperty("opentelemetry.javaagent");
		assertThat(agent).as("-Dopentelemetry.javaagent (set by the build)").isNotNull();
		assertThat(Path.of(agent)).exists();
		List<String> command = new ArrayList<>(List.of(
				ChildApplication.java(), "-javaagent:" + agent,
				"-Dotel.traces.exporter=logging", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
				"-Dotel.service.name=greetings", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
				"-Dtelemetry.schema=" + TelemetrySchema.schemaPath(), "-cp", ChildApplication.classPath(),
				GreetingApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
				"--telemetry.output.path=" + jsonl, "--spring.datasource.url=jdbc:h2:mem:agent;DB_CLOSE_DELAY=-1",
				"--logging.pattern.console=%m mdc trace_id=%X{trace_id} span_id=%X{span_id}%n"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static AgentSpan only(List<AgentSpan> spans, String kind, String name, String log) {
		List<AgentSpan> found = spans.stream()
			.filter((span) -> span.kind().equals(kind) && span.name().equals(name))
			.toList();
		assertThat(found).as("%s span '%s' in %s", kind, name, log).hasSize(1);
		return found.get(0);
	}

	/** One line of the agent's logging exporter. */
	private record AgentSpan(String name, String traceId, String spanId, String kind, String scope) {

		AgentSpan(java.util.regex.MatchResult line) {
			this(line.group(1), line.group(2), line.group(3), line.group(4), line.group(5));
		}

	}

}
