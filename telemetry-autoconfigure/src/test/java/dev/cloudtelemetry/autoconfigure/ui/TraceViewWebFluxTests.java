package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.http.reactive.ReactiveApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;
import dev.cloudtelemetry.test.ThreadDumps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view on a real WebFlux server: the page and its assets with their content security policy, and
 * the traces endpoint answering with what the JSONL holds, client addresses masked unless values are shown.
 */
class TraceViewWebFluxTests {

	// the page's policy: its own script, styles and requests, nothing from another origin
	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path tempDir;

	@Test
	void servesThePageAndTheTracesOfAReactiveApplication() throws Exception {
		Path output = this.tempDir.resolve("out.jsonl");
		try (ConfigurableApplicationContext app = start(output)) {
			String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> redirect = get(base + "/telemetry");
			assertThat(redirect.statusCode()).isEqualTo(307);
			assertThat(redirect.headers().firstValue("Location")).hasValue("/actuator/telemetry/view");
			HttpResponse<String> page = get(base + "/actuator/telemetry/view");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains("content=\"" + CONTENT_SECURITY_POLICY + "\"", "src=\"view/trace-view.js\"")
				.doesNotContain("http://", "https://", "{{");
			assertThat(get(base + "/actuator/telemetry/view/trace-view.js").headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
			assertThat(get(base + "/actuator/telemetry/view/trace-view.css").headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
			assertThat(get(base + "/actuator/telemetry/view/other.js").statusCode()).isEqualTo(404);

			assertThat(get(base + "/items/7").statusCode()).isEqualTo(200);
			JsonNode summary = awaitTrace(base);
			assertThat(summary.get("rootName").asString()).isEqualTo("GET /items/{id}");
			String traceId = summary.get("traceId").asString();
			List<JsonNode> written = TelemetrySchema.readValidated(output)
				.stream()
				.filter((event) -> traceId.equals(event.get("trace_id").asString(null)))
				.toList();
			JsonNode trace = JsonMapper.builder().build().readTree(get(base + "/actuator/telemetry/traces/" + traceId).body());
			assertThat(trace.get("spans").size())
				.isEqualTo((int) written.stream().map((event) -> event.get("span_id").asString()).distinct().count());
			JsonNode server = trace.get("spans").get(0);
			assertThat(server.get("kind").asString()).isEqualTo("server");
			assertThat(server.get("attributes").get("client.address").asString()).isEqualTo("******");
			assertThat(server.get("attributes").get("http.route").asString()).isEqualTo("/items/{id}");
			assertThat(get(base + "/actuator/telemetry/traces/0123456789abcdef0123456789abcdef").statusCode())
				.isEqualTo(404);
			assertThat(get(base + "/actuator/telemetry/other").statusCode()).isEqualTo(404);
		}
	}

	private JsonNode awaitTrace(String base) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (true) {
			HttpResponse<String> answer = get(base + "/actuator/telemetry/traces?nameContains=items&limit=5");
			assertThat(answer.statusCode()).isEqualTo(200);
			JsonNode traces = JsonMapper.builder().build().readTree(answer.body()).get("traces");
			if (!traces.isEmpty()) {
				assertThat(traces.size()).isEqualTo(1);
				return traces.get(0);
			}
			assertThat(System.nanoTime()).as("trace listed in time").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private ConfigurableApplicationContext start(Path output) {
		return new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "telemetry.output.path=" + output,
					"telemetry.ui.enabled=true", "management.endpoints.web.exposure.include=telemetry")
			.run();
	}

	private HttpResponse<String> get(String url) throws Exception {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			// the server runs in this JVM: say what its threads were doing when it stopped answering
			throw new AssertionError("no answer to GET " + url + " within 20 s; threads:\n" + ThreadDumps.all(), ex);
		}
	}

}
