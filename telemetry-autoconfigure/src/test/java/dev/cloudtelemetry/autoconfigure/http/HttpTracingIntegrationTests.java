package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Hooks;
import sample.http.back.BackApplication;
import sample.http.errorpage.ErrorPageAdvice;
import sample.http.errorpage.MaintenanceErrorController;
import sample.http.front.FrontApplication;
import sample.http.reactive.ReactiveApplication;
import sample.http.reactiveerror.ClosedCatalogHandler;
import tools.jackson.databind.JsonNode;

import jakarta.servlet.ServletException;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Runs real Spring Boot applications on local ports: a front end that calls a back end with each client
 * type, and a WebFlux application. Reads both services' JSONL, validates every line against the schema,
 * and follows the trace from one to the other.
 */
class HttpTracingIntegrationTests {

	private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@ValueSource(strings = { "rest-template", "rest-client", "web-client", "http-interface" })
	void oneRequestIsOneTraceAcrossBothServices(String client) {
		Path frontOutput = this.tempDir.resolve("front.jsonl");
		Path backOutput = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET,
				backOutput)) {
			try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET,
					frontOutput, "backend.url=http://127.0.0.1:" + port(back),
					"spring.http.serviceclient.stock.base-url=http://127.0.0.1:" + port(back))) {
				HttpResponse<String> response = get(front, "/relay/" + client + "/book");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo("book=4");
			}
		}
		List<JsonNode> frontEvents = TelemetrySchema.readValidated(frontOutput);
		List<JsonNode> backEvents = TelemetrySchema.readValidated(backOutput);

		JsonNode frontServer = single(frontEvents, "http_request", kind("server"));
		JsonNode relay = single(frontEvents, "function_entry", function("RelayController.relay"));
		JsonNode clientRequest = single(frontEvents, "http_request", kind("client"));
		JsonNode clientResponse = single(frontEvents, "http_response", kind("client"));
		JsonNode backServer = single(backEvents, "http_request", kind("server"));
		JsonNode backServerResponse = single(backEvents, "http_response", kind("server"));
		JsonNode inventory = single(backEvents, "function_entry", function("InventoryController.stock"));

		String traceId = frontServer.get("trace_id").asString();
		assertThat(frontServer.get("parent_span_id").isNull()).isTrue();
		assertThat(List.of(relay, clientRequest, clientResponse, backServer, backServerResponse, inventory))
			.allSatisfy((event) -> assertThat(event.get("trace_id").asString()).isEqualTo(traceId));
		assertThat(relay.get("parent_span_id").asString()).isEqualTo(frontServer.get("span_id").asString());
		assertThat(ancestors(frontEvents, clientRequest)).as("spans above the client span")
			.contains(relay.get("span_id").asString());
		if (!client.equals("http-interface")) {
			assertThat(clientRequest.get("parent_span_id").asString()).isEqualTo(relay.get("span_id").asString());
		}
		assertThat(clientResponse.get("span_id")).isEqualTo(clientRequest.get("span_id"));
		assertThat(backServer.get("parent_span_id").asString()).isEqualTo(clientRequest.get("span_id").asString());
		assertThat(inventory.get("parent_span_id").asString()).isEqualTo(backServer.get("span_id").asString());

		String url = "http://127.0.0.1:" + attribute(backServer, "server.port").asInt() + "/stock/book";
		assertThat(attribute(clientRequest, "http.method").asString()).isEqualTo("GET");
		assertThat(attribute(clientRequest, "http.url").asString()).isEqualTo(url);
		assertThat(attribute(clientRequest, "server.address").asString()).isEqualTo("127.0.0.1");
		assertThat(clientRequest.get("duration_ns").isNull()).isTrue();
		assertThat(attribute(clientResponse, "http.status_code").asInt()).isEqualTo(200);
		assertThat(clientResponse.get("duration_ns").asLong()).isNotNegative();
		assertThat(clientResponse.get("severity").asString()).isEqualTo("INFO");
		assertThat(attribute(backServer, "http.url").asString()).isEqualTo(url);
		assertThat(attribute(backServer, "client.address").asString()).isEqualTo("127.0.0.1");
		assertThat(attribute(backServerResponse, "http.route").asString()).isEqualTo("/stock/{item}");
		assertThat(backServerResponse.get("function_name").asString()).isEqualTo("GET /stock/{item}");
		assertThat(attribute(single(frontEvents, "http_response", kind("server")), "http.route").asString())
			.isEqualTo("/relay/{client}/{item}");
	}

	@Test
	void validTraceparentContinuesTheCallersTraceAndTraceStateTravelsOn() {
		Path frontOutput = this.tempDir.resolve("front.jsonl");
		Path backOutput = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET,
				backOutput, "telemetry.http.recorded-headers=tracestate,authorization")) {
			try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET,
					frontOutput, "backend.url=http://127.0.0.1:" + port(back),
					"spring.http.serviceclient.stock.base-url=http://127.0.0.1:" + port(back))) {
				assertThat(get(front, "/relay/rest-client/pen", "traceparent", TRACEPARENT, "tracestate",
						"congo=t61rcWkgMzE", "Authorization", "Bearer secret-token")
					.statusCode()).isEqualTo(200);
			}
		}
		JsonNode frontServer = single(TelemetrySchema.readValidated(frontOutput), "http_request", kind("server"));
		assertThat(frontServer.get("trace_id").asString()).isEqualTo(CALLER_TRACE);
		assertThat(frontServer.get("parent_span_id").asString()).isEqualTo(CALLER_SPAN);
		JsonNode backServer = single(TelemetrySchema.readValidated(backOutput), "http_request", kind("server"));
		assertThat(backServer.get("trace_id").asString()).isEqualTo(CALLER_TRACE);
		assertThat(attribute(backServer, "http.request.header.tracestate").asString()).isEqualTo("congo=t61rcWkgMzE");
		assertThat(backServer.get("attributes").has("http.request.header.authorization")).isFalse();
	}

	@Test
	void malformedTraceparentStartsANewTraceWithoutError() {
		List<JsonNode> events = runBack((back) -> assertThat(
				get(back, "/stock/pen", "traceparent", "00-" + CALLER_TRACE.toUpperCase() + "-" + CALLER_SPAN + "-01")
					.statusCode())
			.isEqualTo(200));
		JsonNode server = single(events, "http_request", kind("server"));
		assertThat(server.get("trace_id").asString()).isNotEqualTo(CALLER_TRACE);
		assertThat(server.get("parent_span_id").isNull()).isTrue();
		assertThat(events).noneMatch((event) -> event.get("severity").asString().equals("ERROR"));
	}

	@Test
	void exceptionEscapingTheControllerIsAnErrorEvenWhenTheErrorPageRenders() {
		List<JsonNode> events = runBack((back) -> assertThat(get(back, "/fail").statusCode()).isEqualTo(500));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(response.get("severity").asString()).isEqualTo("ERROR");
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(500);
		assertThat(response.get("error").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(response.get("error").get("message").asString()).isEqualTo("inventory is on fire");
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/fail");
	}

	@Test
	void recordedUrlsLoseSessionIdsAndSensitiveParametersThroughTheUrlRedactorBean() {
		String path = "/stock/pen;jsessionid=SESSION0123456789?state=oauth-state-4711&size=2";
		List<JsonNode> events = runBack((back) -> get(back, path));
		JsonNode request = single(events, "http_request", kind("server"));
		assertThat(attribute(request, "http.url").asString()).endsWith("/stock/pen;jsessionid=REDACTED?state=REDACTED&size=2");
		assertThat(attribute(request, "http.target").asString()).isEqualTo("/stock/pen;jsessionid=REDACTED");
		assertThat(events.toString()).doesNotContain("SESSION0123456789", "oauth-state-4711");
		// a bean of the same name replaces the protection of recorded URLs: here URLs are kept as they are
		// (the secret patterns still mask password=, token=, jsessionid= ... pairs)
		Path output = this.tempDir.resolve("kept.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, output,
				"spring.main.sources=" + KeepUrlsConfiguration.class.getName())) {
			get(back, "/stock/pen?state=oauth-state-4711&size=2");
		}
		JsonNode kept = single(TelemetrySchema.readValidated(output), "http_request", kind("server"));
		assertThat(attribute(kept, "http.url").asString()).endsWith("/stock/pen?state=oauth-state-4711&size=2");
	}

	@Test
	void aReplacementUrlRedactorSeesEachRecordedUrlOnce() {
		List<JsonNode> events = runBack((back) -> get(back, "/stock/pen?size=2"),
				"spring.main.sources=" + MarkUrlsConfiguration.class.getName());
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(attribute(request, "http.url").asString()).endsWith("/stock/pen?size=2 (seen)");
		assertThat(attribute(response, "http.url").asString()).endsWith("/stock/pen?size=2 (seen)");
		assertThat(attribute(request, "http.target").asString()).isEqualTo("/stock/pen (seen)");
	}

	@Test
	void aUrlRedactorBeanOfAnyNameReplacesTheBuiltInOneForRecordedUrls() {
		List<JsonNode> events = runBack((back) -> get(back, "/stock/pen?state=oauth-state-4711&size=2"),
				"spring.main.sources=" + MaskSizeConfiguration.class.getName());
		JsonNode request = single(events, "http_request", kind("server"));
		assertThat(attribute(request, "http.url").asString())
			.endsWith("/stock/pen?state=oauth-state-4711&size=REDACTED");
	}

	@Configuration(proxyBeanMethods = false)
	static class MarkUrlsConfiguration {

		@Bean
		TelemetryRedactor telemetryUrlRedactor() {
			return (field, value) -> (field.kind() == Field.Kind.URL) ? value + " (seen)" : value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MaskSizeConfiguration {

		@Bean
		UrlRedactor onlySizeIsSecret() {
			return new UrlRedactor(new UrlSanitizer(List.of("size")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KeepUrlsConfiguration {

		@Bean
		TelemetryRedactor telemetryUrlRedactor() {
			return (field, value) -> value;
		}

	}

	@Test
	void notFoundIsAWarning() {
		List<JsonNode> events = runBack((back) -> assertThat(get(back, "/nothing/here").statusCode()).isEqualTo(404));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(response.get("severity").asString()).isEqualTo("WARN");
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(404);
		assertThat(response.has("error")).isFalse();
	}

	@Test
	void errorStatusSeverityIsConfigurable() {
		List<JsonNode> events = runBack((back) -> assertThat(get(back, "/nothing/here").statusCode()).isEqualTo(404),
				"telemetry.http.server.error-status-severity=INFO");
		assertThat(single(events, "http_response", kind("server")).get("severity").asString()).isEqualTo("INFO");
	}

	@Test
	void asyncRequestEndsWhenTheAsyncWorkCompletes() {
		List<JsonNode> events = runBack((back) -> assertThat(get(back, "/later/cup").body()).isEqualTo("cup"));
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(response.get("span_id")).isEqualTo(request.get("span_id"));
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(200);
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/later/{item}");
	}

	@Test
	void theAsyncDispatchOfAnAsyncRequestRunsInItsServerSpan() {
		List<JsonNode> events = runBack((back) -> {
			assertThat(get(back, "/callable/pen").body()).isEqualTo("pen=3");
			assertThat(get(back, "/deferred/cup").body()).isEqualTo("cup=3");
		});
		for (String path : List.of("/callable/pen", "/deferred/cup")) {
			JsonNode request = single(events, "http_request", target(path));
			List<JsonNode> trace = events.stream().filter((event) -> event.get("trace_id").equals(request.get("trace_id"))).toList();
			JsonNode response = single(trace, "http_response", kind("server"));
			assertThat(response.get("span_id")).as(path).isEqualTo(request.get("span_id"));
			assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(200);
			// the answer is written on the async dispatch, after the controller returned: in the same span
			JsonNode advice = single(trace, "function_entry", function("LaterBodyAdvice.beforeBodyWrite"));
			assertThat(advice.get("parent_span_id")).as(path).isEqualTo(request.get("span_id"));
			assertThat(advice.get("timestamp_ns").asLong()).isLessThan(response.get("timestamp_ns").asLong());
		}
		// the Callable runs on Spring MVC's task executor: the request's context goes with it
		JsonNode callable = single(events, "http_request", target("/callable/pen"));
		assertThat(single(events, "function_entry", function("StockService.count")).get("parent_span_id"))
			.isEqualTo(callable.get("span_id"));
	}

	@Test
	void theErrorPageOfARequestRunsInsideItsServerSpan() {
		List<JsonNode> events = runBack((back) -> assertThat(get(back, "/missing/pen").statusCode()).isEqualTo(404),
				"spring.main.sources=" + ErrorPageAdvice.class.getName());
		JsonNode request = single(events, "http_request", target("/missing/pen"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(404);
		// the error page is rendered on the container's error dispatch: in the request's span, which ends after it
		JsonNode page = single(events, "function_entry", function("ErrorPageAdvice.describe"));
		JsonNode pageExit = single(events, "function_exit", function("ErrorPageAdvice.describe"));
		assertThat(page.get("trace_id")).isEqualTo(request.get("trace_id"));
		assertThat(page.get("parent_span_id")).isEqualTo(request.get("span_id"));
		assertThat(pageExit.get("timestamp_ns").asLong()).isLessThanOrEqualTo(response.get("timestamp_ns").asLong());
		assertThat(events).filteredOn((event) -> event.get("parent_span_id").isNull()).hasSize(2);
	}

	@Test
	void anApplicationsOwnErrorPageEndsInsideTheSpanWhichTellsTheStatusItSent() {
		List<JsonNode> events = runBack((back) -> {
			HttpResponse<String> failed = get(back, "/fail");
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.body()).isEqualTo("down for maintenance");
		}, "spring.main.sources=" + MaintenanceErrorController.class.getName());
		JsonNode request = single(events, "http_request", target("/fail"));
		JsonNode response = single(events, "http_response", kind("server"));
		// the status the client got, the error the controller threw, the route it matched (not the error page's)
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(503);
		assertThat(response.get("severity").asString()).isEqualTo("ERROR");
		assertThat(response.get("error").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(response.get("error").get("message").asString()).isEqualTo("inventory is on fire");
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/fail");
		// the page's call is the span's child, ends before it, and its time is in the span's duration
		JsonNode page = single(events, "function_exit", function("MaintenanceErrorController.error"));
		assertThat(page.get("parent_span_id")).isEqualTo(request.get("span_id"));
		assertThat(page.get("timestamp_ns").asLong()).isLessThanOrEqualTo(response.get("timestamp_ns").asLong());
		assertThat(page.get("duration_ns").asLong()).isGreaterThanOrEqualTo(MaintenanceErrorController.PAGE_MILLIS * 1_000_000);
		assertThat(response.get("duration_ns").asLong()).isGreaterThan(page.get("duration_ns").asLong());
	}

	@Test
	void aFailedRequestTheContainerNeverToldOfEndsWhenTheFilterReturns() {
		// MockMvc calls the filter without a container: no request listener, no error dispatch
		List<JsonNode> events = runBack((back) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) back)
				.addFilters(back.getBean(TracingServletFilter.class))
				.build();
			try {
				mvc.perform(MockMvcRequestBuilders.get("/stock/pen/none")).andExpect(status().isNotFound());
				assertThatExceptionOfType(ServletException.class)
					.isThrownBy(() -> mvc.perform(MockMvcRequestBuilders.get("/fail")));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		JsonNode missing = single(events, "http_response", sameSpan(single(events, "http_request", target("/stock/pen/none"))));
		assertThat(attribute(missing, "http.status_code").asInt()).isEqualTo(404);
		JsonNode failed = single(events, "http_response", sameSpan(single(events, "http_request", target("/fail"))));
		assertThat(attribute(failed, "http.status_code").asInt()).isEqualTo(500);
		assertThat(failed.get("error").get("message").asString()).isEqualTo("inventory is on fire");
	}

	@Test
	void aFunctionalEndpointIsNamedByItsRoute() {
		assertFunctionalEndpoint(runBack((back) -> assertThat(get(back, "/fn/pen").body()).isEqualTo("3")),
				"/fn/{item}", "StockService.count");
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output)) {
			assertThat(get(app, "/fn/7").body()).isEqualTo("7=10");
		}
		assertFunctionalEndpoint(TelemetrySchema.readValidated(output), "/fn/{id}", "PricingService.price");
	}

	private static void assertFunctionalEndpoint(List<JsonNode> events, String route, String handlerCall) {
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(attribute(response, "http.route").asString()).isEqualTo(route);
		assertThat(response.get("function_name").asString()).isEqualTo("GET " + route);
		assertThat(single(events, "function_entry", function(handlerCall)).get("parent_span_id"))
			.isEqualTo(request.get("span_id"));
	}

	@Test
	void stableSemanticConventionsUseTheOpenTelemetryNames() {
		List<JsonNode> events = runBack((back) -> get(back, "/stock/pen?token=abc&page=1"),
				"telemetry.semconv=stable");
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(attribute(request, "http.request.method").asString()).isEqualTo("GET");
		assertThat(attribute(request, "url.full").asString()).endsWith("/stock/pen?token=REDACTED&page=1");
		assertThat(attribute(request, "url.path").asString()).isEqualTo("/stock/pen");
		assertThat(attribute(request, "user_agent.original").asString()).startsWith("Java-http-client");
		assertThat(attribute(response, "http.response.status_code").asInt()).isEqualTo(200);
		assertThat(request.get("attributes").has("http.method")).isFalse();
		assertThat(response.get("attributes").has("http.status_code")).isFalse();
	}

	@Test
	void connectionRefusedIsAnErrorAndTheExceptionReachesTheCaller() throws IOException {
		int closedPort = closedPort();
		String url = "http://user:pw@127.0.0.1:" + closedPort + "/stock/pen?token=abc";
		Path output = this.tempDir.resolve("front.jsonl");
		try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET, output,
				"backend.url=http://127.0.0.1:" + closedPort)) {
			RestClient restClient = front.getBean(RestClient.Builder.class).build();
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> restClient.get().uri(URI.create(url)).retrieve().toBodilessEntity());
			WebClient webClient = front.getBean(WebClient.Builder.class).build();
			assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(
					() -> webClient.get().uri(URI.create(url)).retrieve().toBodilessEntity().block());
		}
		List<JsonNode> responses = all(TelemetrySchema.readValidated(output), "http_response", kind("client"));
		assertThat(responses).hasSize(2).allSatisfy((response) -> {
			assertThat(response.get("severity").asString()).isEqualTo("ERROR");
			assertThat(response.get("error").get("type").asString()).isNotBlank();
			assertThat(attribute(response, "http.url").asString())
				.isEqualTo("http://127.0.0.1:" + closedPort + "/stock/pen?token=REDACTED");
			assertThat(response.get("attributes").has("http.status_code")).isFalse();
		});
		assertThat(Files.readString(output)).doesNotContain("user:pw", "pw@", "token=abc");
	}

	@Test
	void readTimeoutIsAnErrorWithoutCredentialsInTheMessage() throws IOException {
		Path output = this.tempDir.resolve("front.jsonl");
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				List<Socket> held = new ArrayList<>();
				try {
					while (!silent.isClosed()) {
						held.add(silent.accept());
					}
				}
				catch (IOException ex) {
					// closed: the test is over
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			String url = "http://user:pw@127.0.0.1:" + silent.getLocalPort() + "/slow?token=abc";
			try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET,
					output, "backend.url=http://127.0.0.1:" + silent.getLocalPort())) {
				JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
				requests.setReadTimeout(Duration.ofMillis(200));
				RestClient restClient = front.getBean(RestClient.Builder.class).requestFactory(requests).build();
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> restClient.get().uri(URI.create(url)).retrieve().toBodilessEntity());
			}
		}
		JsonNode response = single(TelemetrySchema.readValidated(output), "http_response", kind("client"));
		assertThat(response.get("severity").asString()).isEqualTo("ERROR");
		assertThat(response.get("error").toString()).containsIgnoringCase("timeout");
		assertThat(Files.readString(output)).doesNotContain("user:pw", "pw@", "token=abc");
	}

	@Test
	void clientErrorStatusIsAWarningOnTheClientSide() {
		Path frontOutput = this.tempDir.resolve("front.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET,
				this.tempDir.resolve("back.jsonl"))) {
			try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET,
					frontOutput, "backend.url=http://127.0.0.1:" + port(back),
					"spring.http.serviceclient.stock.base-url=http://127.0.0.1:" + port(back))) {
				RestClient restClient = front.getBean(RestClient.Builder.class)
					.baseUrl("http://127.0.0.1:" + port(back))
					.build();
				assertThat(restClient.get().uri("/nothing").retrieve().onStatus((status) -> true, (req, res) -> {
				}).toBodilessEntity().getStatusCode().value()).isEqualTo(404);
			}
		}
		JsonNode response = single(TelemetrySchema.readValidated(frontOutput), "http_response", kind("client"));
		assertThat(response.get("severity").asString()).isEqualTo("WARN");
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(404);
	}

	@Test
	void webFluxServerContinuesTheCallersTrace() {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output)) {
			HttpResponse<String> response = get(app, "/items/7", "traceparent", TRACEPARENT);
			assertThat(response.body()).isEqualTo("item-7");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		JsonNode controller = single(events, "function_entry", function("CatalogController.item"));
		assertThat(request.get("trace_id").asString()).isEqualTo(CALLER_TRACE);
		assertThat(request.get("parent_span_id").asString()).isEqualTo(CALLER_SPAN);
		assertThat(controller.get("parent_span_id").asString()).isEqualTo(request.get("span_id").asString());
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/items/{id}");
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(200);
	}

	@Test
	void webFluxServerAndWebClientCarryTheTraceToTheNextService() {
		Path reactiveOutput = this.tempDir.resolve("reactive.jsonl");
		Path backOutput = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET,
				backOutput)) {
			try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
					reactiveOutput, "backend.url=http://127.0.0.1:" + port(back),
					"spring.http.serviceclient.stock.base-url=http://127.0.0.1:" + port(back))) {
				assertThat(get(app, "/items/mug/stock", "traceparent", TRACEPARENT).body()).isEqualTo("mug=3");
			}
		}
		List<JsonNode> events = TelemetrySchema.readValidated(reactiveOutput);
		JsonNode server = single(events, "http_request", kind("server"));
		JsonNode controller = single(events, "function_entry", function("CatalogController.stock"));
		JsonNode client = single(events, "http_request", kind("client"));
		JsonNode backServer = single(TelemetrySchema.readValidated(backOutput), "http_request", kind("server"));
		assertThat(client.get("trace_id").asString()).isEqualTo(CALLER_TRACE);
		assertThat(controller.get("parent_span_id").asString()).isEqualTo(server.get("span_id").asString());
		assertThat(client.get("parent_span_id").asString()).as("the controller's span, from the Reactor context")
			.isEqualTo(controller.get("span_id").asString());
		assertThat(backServer.get("trace_id").asString()).isEqualTo(CALLER_TRACE);
		assertThat(backServer.get("parent_span_id").asString()).isEqualTo(client.get("span_id").asString());
	}

	@Test
	void automaticContextPropagationMakesBeansCalledOnOtherThreadsDescendants() {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output, "spring.reactor.context-propagation=auto")) {
			assertThat(get(app, "/items/cup/price").body()).isEqualTo("cup=30");
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode controller = single(events, "function_entry", function("CatalogController.price"));
		JsonNode pricing = single(events, "function_entry", function("PricingService.price"));
		assertThat(pricing.get("attributes").get("thread.name").asString()).startsWith("boundedElastic");
		assertThat(pricing.get("parent_span_id").asString()).isEqualTo(controller.get("span_id").asString());
		assertThat(controller.get("parent_span_id").asString())
			.isEqualTo(single(events, "http_request", kind("server")).get("span_id").asString());
	}

	@Test
	void webFluxErrorIsAnErrorEvent() {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output)) {
			assertThat(get(app, "/boom").statusCode()).isEqualTo(500);
			assertThat(get(app, "/nothing/here").statusCode()).isEqualTo(404);
		}
		List<JsonNode> responses = all(TelemetrySchema.readValidated(output), "http_response", kind("server"));
		assertThat(responses).hasSize(2);
		JsonNode boom = responses.get(0);
		assertThat(boom.get("severity").asString()).isEqualTo("ERROR");
		assertThat(boom.get("error").get("message").asString()).isEqualTo("catalog is on fire");
		assertThat(attribute(boom, "http.status_code").asInt()).isEqualTo(500);
		JsonNode missing = responses.get(1);
		assertThat(missing.get("severity").asString()).isEqualTo("WARN");
		assertThat(attribute(missing, "http.status_code").asInt()).isEqualTo(404);
		assertThat(missing.has("error")).isFalse();
	}

	@Test
	void aWebFluxExceptionHandlersAnswerIsInsideTheSpanWhichTellsTheStatusItSent() {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output, "spring.main.sources=" + ClosedCatalogHandler.class.getName())) {
			HttpResponse<String> failed = get(app, "/boom");
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.body()).isEqualTo("catalog closed");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode request = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		// the status the client got, the error the controller signalled, the route it matched
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(503);
		assertThat(response.get("severity").asString()).isEqualTo("ERROR");
		assertThat(response.get("error").get("message").asString()).isEqualTo("catalog is on fire");
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/boom");
		// the handler's call is the span's child, ends before it, and its time is in the span's duration
		JsonNode handler = single(events, "function_exit", function("ClosedCatalogHandler.handle"));
		assertThat(handler.get("parent_span_id")).isEqualTo(request.get("span_id"));
		assertThat(handler.get("timestamp_ns").asLong()).isLessThanOrEqualTo(response.get("timestamp_ns").asLong());
		assertThat(handler.get("duration_ns").asLong())
			.isGreaterThanOrEqualTo(ClosedCatalogHandler.ANSWER_MILLIS * 1_000_000);
		assertThat(response.get("duration_ns").asLong()).isGreaterThan(handler.get("duration_ns").asLong());
	}

	@Test
	void aFailedExchangeOfAHandlerBuiltWithoutTheDecoratorEndsWhenTheErrorLeavesTheFilter() {
		// a handler built by hand, as some tests do: the filter without the starter's HttpHandler decorator
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE,
				output, "spring.main.sources=" + ClosedCatalogHandler.class.getName())) {
			HttpHandler handler = WebHttpHandlerBuilder.webHandler(new DispatcherHandler(app))
				.filter(app.getBean(TracingWebFilter.class))
				.exceptionHandler(app.getBean(ClosedCatalogHandler.class))
				.build();
			MockServerHttpResponse response = new MockServerHttpResponse();
			handler.handle(MockServerHttpRequest.get("/boom").build(), response).block(Duration.ofSeconds(10));
			assertThat(response.getStatusCode().value()).isEqualTo(503);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode response = single(events, "http_response", kind("server"));
		// ended before the exception handler ran: the status it was expected to set, the error, the route
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(500);
		assertThat(response.get("error").get("message").asString()).isEqualTo("catalog is on fire");
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/boom");
	}

	private List<JsonNode> runBack(java.util.function.Consumer<ConfigurableApplicationContext> scenario,
			String... properties) {
		Path output = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, output,
				properties)) {
			scenario.accept(back);
		}
		return TelemetrySchema.readValidated(output);
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type, Path output,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + output, "server.port=0",
				"server.address=127.0.0.1", "spring.application.name=" + application.getSimpleName()));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).web(type).properties(all.toArray(String[]::new)).run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
			.timeout(java.time.Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** The span ids above an event's span, nearest first, as far as the events show them. */
	private static List<String> ancestors(List<JsonNode> events, JsonNode event) {
		List<String> ancestors = new ArrayList<>();
		JsonNode parent = event.get("parent_span_id");
		while (parent != null && !parent.isNull() && !ancestors.contains(parent.asString())) {
			String id = parent.asString();
			ancestors.add(id);
			parent = events.stream()
				.filter((candidate) -> id.equals(candidate.get("span_id").asString()))
				.findFirst()
				.map((candidate) -> candidate.get("parent_span_id"))
				.orElse(null);
		}
		return ancestors;
	}

	private static Predicate<JsonNode> kind(String kind) {
		return (event) -> event.get("attributes").has("span.kind")
				&& kind.equals(event.get("attributes").get("span.kind").asString());
	}

	private static Predicate<JsonNode> target(String target) {
		return (event) -> event.get("attributes").has("http.target")
				&& target.equals(event.get("attributes").get("http.target").asString());
	}

	private static Predicate<JsonNode> sameSpan(JsonNode event) {
		return (other) -> event.get("span_id").equals(other.get("span_id"));
	}

	private static Predicate<JsonNode> function(String name) {
		return (event) -> name.equals(event.get("function_name").asString());
	}

	private static JsonNode attribute(JsonNode event, String name) {
		assertThat(event.get("attributes").has(name)).as("attribute %s in %s", name, event).isTrue();
		return event.get("attributes").get(name);
	}

	private static List<JsonNode> all(List<JsonNode> events, String eventType, Predicate<JsonNode> filter) {
		return events.stream()
			.filter((event) -> eventType.equals(event.get("event_type").asString()))
			.filter(filter)
			.toList();
	}

	private static JsonNode single(List<JsonNode> events, String eventType, Predicate<JsonNode> filter) {
		List<JsonNode> matching = all(events, eventType, filter);
		assertThat(matching).as("one %s in %s", eventType, events).hasSize(1);
		return matching.get(0);
	}

}
