package dev.cloudtelemetry.coexistence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on Jetty in place of Tomcat (as {@code spring-boot-starter-jetty} sets it up; Boot's
 * Tomcat module is not on this execution's class path), without Micrometer Tracing: requests, their async and
 * error dispatches, the service's statement and its {@code RestClient} call are traced as on Tomcat.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfSystemProperty(named = "coexistence.container", matches = "jetty",
		disabledReason = "runs in the build's test execution whose class path has Jetty in place of Tomcat")
class JettyServletContainerTests {

	@TempDir
	Path tempDir;

	@Test
	void requestsOnJettyAreTracedWithTheirAsyncAndErrorDispatches(CapturedOutput output) throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GreetingApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--telemetry.output.path=" + jsonl,
				"--spring.datasource.url=jdbc:h2:mem:jetty;DB_CLOSE_DELAY=-1",
				"--logging.pattern.console=%m mdc trace_id=%X{trace_id} span_id=%X{span_id} thread=%t%n")) {
			assertThat(((WebServerApplicationContext) context).getWebServer().getClass().getName())
				.startsWith("org.springframework.boot.jetty.");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			ChildApplication.get(port, "/greet/ada");
			ChildApplication.get(port, "/later/bob");
			assertThat(status(port, "/missing")).isEqualTo(404);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);

		// a request: server span, service, statement, the RestClient call and the /echo request it made
		JsonNode ada = Events.single(events, "http_request", target("/greet/ada"));
		JsonNode greetAda = greet(events, "ada");
		assertThat(greetAda.get("trace_id")).isEqualTo(ada.get("trace_id"));
		JsonNode client = Events.single(events, "http_request",
				Events.kind("client").and((event) -> event.get("trace_id").equals(ada.get("trace_id"))));
		assertThat(client.get("parent_span_id")).isEqualTo(greetAda.get("span_id"));
		assertThat(Events.all(events, "db_query", (event) -> event.get("parent_span_id").equals(greetAda.get("span_id"))))
			.hasSize(1);
		JsonNode echo = Events.single(events, "http_request", target("/echo").and(
				(event) -> event.get("trace_id").equals(ada.get("trace_id"))));
		assertThat(echo.get("parent_span_id")).isEqualTo(client.get("span_id"));
		assertThat(Events.single(events, "http_response", route("/greet/{name}")).get("attributes")
			.get("http.status_code").asInt()).isEqualTo(200);
		ChildApplication.assertGreetingCarriesIds(output.getOut(), "ada", greetAda);

		// an async request: the service on MVC's executor, the answer written on Jetty's async dispatch
		JsonNode bob = Events.single(events, "http_request", target("/later/bob"));
		assertThat(greet(events, "bob").get("parent_span_id")).isEqualTo(bob.get("span_id"));
		Matcher advice = Pattern.compile("writing the later answer mdc trace_id=([0-9a-f]*) span_id=([0-9a-f]*)")
			.matcher(output.getOut());
		assertThat(advice.find()).as("the advice's log line").isTrue();
		JsonNode adviceEntry = Events.single(events, "function_entry", Events.function("LaterBodyAdvice.beforeBodyWrite"));
		assertThat(adviceEntry.get("parent_span_id")).isEqualTo(bob.get("span_id"));
		assertThat(advice.group(2)).isEqualTo(adviceEntry.get("span_id").asString());
		assertThat(Events.single(events, "http_response", route("/later/{name}")).get("attributes")
			.get("http.status_code").asInt()).isEqualTo(200);

		// a path nothing handles: a 404, written by the error dispatch, a warning of one span
		JsonNode missing = Events.single(events, "http_response",
				Events.kind("server").and((event) -> event.get("message").asString().contains("/missing")));
		assertThat(missing.get("severity").asString()).isEqualTo("WARN");
		assertThat(missing.get("attributes").get("http.status_code").asInt()).isEqualTo(404);
		assertThat(Events.all(events, "http_request", Events.kind("server"))).hasSize(5);
	}

	private static JsonNode greet(List<JsonNode> events, String name) {
		return Events.single(events, "function_entry", Events.function("GreetingService.greet")
			.and((event) -> !event.get("trace_id").isNull() && events.stream()
				.anyMatch((other) -> other.get("trace_id").equals(event.get("trace_id"))
						&& other.get("event_type").asString().equals("http_request")
						&& other.get("attributes").path("http.target").asString().endsWith("/" + name))));
	}

	private static java.util.function.Predicate<JsonNode> target(String target) {
		return (event) -> target.equals(event.get("attributes").path("http.target").asString())
				&& "server".equals(event.get("attributes").path("span.kind").asString());
	}

	private static java.util.function.Predicate<JsonNode> route(String route) {
		return (event) -> route.equals(event.get("attributes").path("http.route").asString())
				&& "server".equals(event.get("attributes").path("span.kind").asString());
	}

	private static int status(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
