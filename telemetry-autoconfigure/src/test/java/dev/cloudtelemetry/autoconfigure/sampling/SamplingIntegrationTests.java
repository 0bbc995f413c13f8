package dev.cloudtelemetry.autoconfigure.sampling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Hooks;
import sample.http.back.BackApplication;
import sample.http.front.FrontApplication;
import sample.http.reactive.ReactiveApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SpanFilter;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sampling in real applications on local ports: two services at the same rate keep the same traces,
 * excluded paths write nothing (servlet and WebFlux), span filter beans apply in their order, the counters
 * are at {@code /actuator/telemetry}, and an application's own sampling wins.
 */
class SamplingIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TelemetryAutoConfiguration.class, SamplingAutoConfiguration.class));

	@TempDir
	Path tempDir;

	@Test
	void twoApplicationsAtTheSameRateKeepTheSameTraces() throws IOException {
		Path frontOutput = this.tempDir.resolve("front.jsonl");
		Path backOutput = this.tempDir.resolve("back.jsonl");
		int requests = 40;
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET,
				backOutput, "telemetry.sampling.rate=0.5", "telemetry.sampling.keep-errors=false")) {
			try (ConfigurableApplicationContext front = start(FrontApplication.class, WebApplicationType.SERVLET,
					frontOutput, "backend.url=http://127.0.0.1:" + port(back), "telemetry.sampling.rate=0.5",
					"telemetry.sampling.keep-errors=false")) {
				for (int i = 0; i < requests; i++) {
					assertThat(get(front, "/relay/rest-client/book").statusCode()).isEqualTo(200);
				}
				assertThat(front.getBean(Sampling.class).stats().kept()
						+ front.getBean(Sampling.class).stats().discarded()).isEqualTo(requests);
			}
		}
		List<JsonNode> frontEvents = TelemetrySchema.readValidated(frontOutput);
		List<JsonNode> backEvents = TelemetrySchema.readValidated(backOutput);
		Set<String> frontTraces = traceIds(frontEvents);
		Set<String> backTraces = traceIds(backEvents);
		// 2^-40 that all or none are kept
		assertThat(frontTraces).isNotEmpty().hasSizeLessThan(requests);
		assertThat(backTraces).isEqualTo(frontTraces);
		Sampling atHalf = new Sampling(new dev.cloudtelemetry.core.sampling.SamplingSettings(0.5, false, 0, 1, 1, 0,
				true, 1), List.of(), System::nanoTime);
		// the rate alone decides the same: each kept trace id is below the ratio bound
		assertThat(frontTraces).allSatisfy((traceId) -> assertThat(
				atHalf.sampledById(Long.parseUnsignedLong(traceId.substring(16), 16))).isTrue());
		assertThat(frontEvents).allSatisfy(
				(event) -> assertThat(event.get("attributes").get("sample_rate").asDouble()).isEqualTo(0.5));
		JsonNode clientRequest = frontEvents.stream()
			.filter((event) -> event.get("event_type").asString().equals("http_request")
					&& event.get("attributes").get("span.kind").asString().equals("client"))
			.findFirst()
			.orElseThrow();
		JsonNode backServer = backEvents.stream()
			.filter((event) -> event.get("event_type").asString().equals("http_request")
					&& event.get("trace_id").equals(clientRequest.get("trace_id")))
			.findFirst()
			.orElseThrow();
		assertThat(backServer.get("parent_span_id")).isEqualTo(clientRequest.get("span_id"));
	}

	@Test
	void atRateZeroAFailedRequestIsWrittenWholeAndAGoodOneNotAtAll() throws InterruptedException {
		Path output = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, output,
				"telemetry.sampling.rate=0")) {
			assertThat(get(back, "/stock/book").statusCode()).isEqualTo(200);
			assertThat(get(back, "/fail").statusCode()).isEqualTo(500);
			// the failed request's span ends when Tomcat is done with the request, after the error page it has
			// just sent: the trace is decided then
			Sampling sampling = back.getBean(Sampling.class);
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
			while (sampling.stats().keptForError() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(sampling.stats().keptForError()).isEqualTo(1);
			assertThat(sampling.stats().discarded()).isEqualTo(1);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).extracting((event) -> event.get("event_type").asString() + " "
				+ event.get("function_name").asString())
			.containsExactly("http_request GET", "function_entry InventoryController.fail",
					"function_exit InventoryController.fail", "http_response GET /fail");
		assertThat(traceIds(events)).hasSize(1);
		assertThat(events).allSatisfy(
				(event) -> assertThat(event.get("attributes").get("sample_rate").asDouble()).isEqualTo(0.0));
	}

	@Test
	void pastTheSpanBudgetHttpSpansAreStillWrittenAndTheServerSpanCountsWhatWasSuppressed() {
		Path output = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, output,
				"telemetry.methods.max-spans-per-trace=1")) {
			assertThat(get(back, "/stock/book").statusCode()).isEqualTo(200);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).extracting((event) -> event.get("event_type").asString() + " "
				+ event.get("function_name").asString())
			.containsExactly("http_request GET", "function_entry InventoryController.stock",
					"function_exit InventoryController.stock", "http_response GET /stock/{item}");
		assertThat(events.get(3).get("attributes").get("telemetry.spans_suppressed").asInt()).isEqualTo(1);
	}

	@Test
	void excludedPathsWriteNothingAndTheCountersAreAtTheEndpoint() throws IOException {
		Path output = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, output,
				"telemetry.http.server.excluded-paths=/stock/**,/actuator/**",
				"management.endpoints.web.exposure.include=telemetry")) {
			assertThat(get(back, "/stock/book").body()).isEqualTo("book=4");
			HttpResponse<String> endpoint = get(back, "/actuator/telemetry");
			assertThat(endpoint.statusCode()).isEqualTo(200);
			JsonNode sampling = JsonMapper.builder().build().readTree(endpoint.body()).get("sampling");
			assertThat(sampling.get("rate").asDouble()).isEqualTo(1.0);
			assertThat(sampling.get("kept").asLong()).isZero();
			assertThat(sampling.has("keptForError")).isTrue();
			assertThat(sampling.has("keptForLatency")).isTrue();
			assertThat(sampling.has("discarded")).isTrue();
			assertThat(sampling.has("overBudget")).isTrue();
			back.getBean(dev.cloudtelemetry.output.AsyncEventWriter.class).close();
			assertThat(Files.exists(output) ? Files.readAllLines(output) : List.of()).isEmpty();
		}
		Path traced = this.tempDir.resolve("traced.jsonl");
		try (ConfigurableApplicationContext back = start(BackApplication.class, WebApplicationType.SERVLET, traced)) {
			assertThat(get(back, "/stock/book").body()).isEqualTo("book=4");
		}
		assertThat(TelemetrySchema.readValidated(traced)).extracting((event) -> event.get("function_name").asString())
			.contains("StockService.count");
	}

	@Test
	void excludedPathsOfAWebFluxApplicationWriteNothingEvenAcrossThreads() throws IOException {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveApplication.class, WebApplicationType.REACTIVE, output,
				"telemetry.http.server.excluded-paths=/items/**", "spring.reactor.context-propagation=auto")) {
			// the price is computed by a traced bean on another thread (boundedElastic)
			assertThat(get(app, "/items/7/price").statusCode()).isEqualTo(200);
			assertThat(get(app, "/items/7").statusCode()).isEqualTo(200);
			assertThat(get(app, "/boom").statusCode()).isEqualTo(500);
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).isNotEmpty();
		assertThat(events).allSatisfy((event) -> assertThat(event.get("message").asString()).doesNotContain("/items"));
		assertThat(events).extracting((event) -> event.get("function_name").asString())
			.noneMatch((name) -> name.startsWith("PricingService") || name.startsWith("CatalogController.price"));
	}

	@Test
	void spanFilterBeansDecideInTheirOrder() throws IOException {
		Path output = this.tempDir.resolve("back.jsonl");
		try (ConfigurableApplicationContext back = new SpringApplicationBuilder(BackApplication.class,
				StockFilters.class)
			.web(WebApplicationType.SERVLET)
			.properties("telemetry.output.path=" + output, "server.port=0", "server.address=127.0.0.1",
					"spring.application.name=back")
			.run()) {
			assertThat(get(back, "/stock/book").body()).isEqualTo("book=4");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).extracting((event) -> event.get("event_type").asString() + " "
				+ event.get("function_name").asString())
			.contains("function_entry InventoryController.stock", "function_exit InventoryController.stock")
			.noneMatch((line) -> line.contains("StockService"));
	}

	@Test
	void aSamplingBeanOfTheApplicationWins() {
		Sampling own = new Sampling(dev.cloudtelemetry.core.sampling.SamplingSettings.ALWAYS, List.of(),
				System::nanoTime);
		this.contextRunner.withBean(Sampling.class, () -> own)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("t.jsonl"))
			.run((context) -> {
				assertThat(context).hasSingleBean(Sampling.class);
				assertThat(context.getBean(SpanFactory.class).sampling()).isSameAs(own);
			});
	}

	private static Set<String> traceIds(List<JsonNode> events) {
		return events.stream().map((event) -> event.get("trace_id").asString()).collect(Collectors.toSet());
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

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
		try {
			return this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
						.timeout(java.time.Duration.ofSeconds(30))
						.build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class StockFilters {

		@Bean
		@Order(1)
		SpanFilter dropStockService() {
			return (span) -> span.name().startsWith("StockService.") ? SpanFilter.Decision.DROP
					: SpanFilter.Decision.ABSTAIN;
		}

		@Bean
		@Order(2)
		SpanFilter keepEverythingElse() {
			return (span) -> SpanFilter.Decision.KEEP;
		}

	}

}
