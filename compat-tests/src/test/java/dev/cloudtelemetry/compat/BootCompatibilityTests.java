package dev.cloudtelemetry.compat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sample.reactive.ReactiveCompatApplication;
import sample.servlet.CompatApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringVersion;
import org.springframework.core.env.Environment;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The starter jar as the reactor built it (compiled once against the Spring Boot 4.1 BOM) inside real
 * applications of the Boot version this module's profile selects ({@code -Pboot-3.5}, {@code -Pboot-4.0},
 * default 4.1): every event is written, every line validates against the schema, and one request is one
 * trace through controller, service, repository, JDBC and each HTTP client.
 */
class BootCompatibilityTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path tempDir;

	@Test
	void runsOnTheBootVersionOfTheProfileAndTheStarterBringsNoOtherBootOrFramework() {
		String expected = System.getProperty("compat.boot.version");
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
		if (expected.startsWith("3.")) {
			assertThat(SpringVersion.getVersion()).startsWith("6.2.");
		}
		List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
		assertThat(versionsOf(classPath, "/org/springframework/boot/")).as("Spring Boot jars").containsOnly(expected);
		assertThat(versionsOf(classPath, "/org/springframework/spring-")).as("Spring Framework jars")
			.containsOnly(SpringVersion.getVersion());
	}

	/** The versions of the jars on the class path under a path of the Maven repository. */
	private static Set<String> versionsOf(List<String> classPath, String groupPath) {
		Set<String> versions = new TreeSet<>();
		for (String entry : classPath) {
			String path = entry.replace(File.separatorChar, '/');
			int group = path.indexOf(groupPath);
			// .../group/artifact/version/artifact-version.jar
			String[] parts = (group >= 0) ? path.substring(group).split("/") : new String[0];
			// a starter is an empty jar: its dependencies, checked here, are what an application gets
			if (parts.length > 2 && path.endsWith(".jar")
					&& !parts[parts.length - 3].startsWith("spring-boot-starter")) {
				versions.add(parts[parts.length - 2]);
			}
		}
		return versions;
	}

	@Test
	void requestThroughControllerServiceRepositoryAndJdbcIsOneTrace() {
		Path output = this.tempDir.resolve("servlet.jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output)) {
			HttpResponse<String> response = get(app, "/greet/ada");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello ada #1");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server"));
		JsonNode controller = single(events, "function_entry", function("GreetingController.greet"));
		JsonNode service = single(events, "function_entry", function("GreetingService.greet"));
		JsonNode save = single(events, "function_entry", function("GreetingRepository.save"));
		JsonNode count = single(events, "function_entry", function("GreetingRepository.countByName"));
		List<JsonNode> queries = all(events, "db_query",
				(event) -> event.get("trace_id").equals(server.get("trace_id")));

		assertThat(server.get("parent_span_id").isNull()).isTrue();
		assertParent(controller, server);
		assertParent(service, controller);
		assertParent(save, service);
		assertParent(count, service);
		assertThat(queries).as("statements of the request")
			.anySatisfy((query) -> assertThat(query.get("function_name").asString()).startsWith("INSERT"))
			.anySatisfy((query) -> assertThat(query.get("attributes").get("db.statement").asString())
				.startsWith("select count("));
		assertThat(attribute(single(events, "http_response", kind("server")), "http.route").asString())
			.isEqualTo("/greet/{name}");
	}

	@Test
	void anAsyncRequestIsOneTraceWithItsExecutorWorkAndItsAsyncDispatch() {
		Path output = this.tempDir.resolve("async.jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output)) {
			HttpResponse<String> response = get(app, "/later/ada");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello ada #1");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server"));
		// the Callable on Spring MVC's task executor, the answer written on the async dispatch
		assertParent(single(events, "function_entry", function("GreetingService.greet")), server);
		assertParent(single(events, "function_entry", function("LaterBodyAdvice.beforeBodyWrite")), server);
		assertThat(attribute(single(events, "http_response", kind("server")), "http.route").asString())
			.isEqualTo("/later/{name}");
	}

	@Test
	void aFailedRequestsSpanEndsAfterTheErrorPageWithTheRouteAndErrorOfTheRequest() {
		Path output = this.tempDir.resolve("error.jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output)) {
			assertThat(get(app, "/fail").statusCode()).isEqualTo(500);
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server"));
		JsonNode response = single(events, "http_response", kind("server"));
		assertThat(attribute(response, "http.status_code").asInt()).isEqualTo(500);
		assertThat(attribute(response, "http.route").asString()).isEqualTo("/fail");
		assertThat(response.get("error").get("message").asString()).isEqualTo("greetings are on fire");
		// the error page, rendered on the container's error dispatch, runs and ends inside the request's span
		JsonNode page = single(events, "function_exit", function("ErrorPageAdvice.describe"));
		assertParent(page, server);
		assertThat(page.get("timestamp_ns").asLong()).isLessThanOrEqualTo(response.get("timestamp_ns").asLong());
	}

	@Test
	void anApplicationsOwnDatasourceProxyKeepsWorkingAndItsStatementsAreTraced() {
		Path output = this.tempDir.resolve("own-datasource-proxy.jsonl");
		AtomicInteger seenByTheApplication = new AtomicInteger();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CompatApplication.class,
				OwnDatasourceProxy.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "telemetry.output.path=" + output, "telemetry.metadata.enabled=false",
					"spring.datasource.url=jdbc:h2:mem:" + System.nanoTime(), "spring.application.name=compat")
			.initializers((context) -> context.getBeanFactory().registerSingleton("seenByTheApplication",
					seenByTheApplication))
			.run()) {
			assertThat(get(app, "/greet/ada").statusCode()).isEqualTo(200);
		}
		assertThat(seenByTheApplication.get()).as("statements the application's own listener saw").isPositive();
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server"));
		assertThat(all(events, "db_query", (event) -> event.get("trace_id").equals(server.get("trace_id"))))
			.as("statements of the request").isNotEmpty();
	}

	/** What an application that uses datasource-proxy for its own purposes declares. */
	@Configuration(proxyBeanMethods = false)
	static class OwnDatasourceProxy {

		@Bean
		static BeanPostProcessor ownDatasourceProxy(org.springframework.beans.factory.BeanFactory beans) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					// the application's own datasource-proxy (net.ttddyy, from its class path) and the starter's
					// (relocated inside its jar) each wrap what they are given, in whichever order
					if (bean instanceof javax.sql.DataSource dataSource && !(bean instanceof ProxyDataSource)) {
						AtomicInteger seen = beans.getBean("seenByTheApplication", AtomicInteger.class);
						return ProxyDataSourceBuilder.create(beanName, dataSource)
							.afterQuery((execution, queries) -> seen.addAndGet(queries.size()))
							.build();
					}
					return bean;
				}

			};
		}

	}

	@ParameterizedTest
	@ValueSource(strings = { "rest-template", "rest-client", "web-client" })
	void clientsBuiltFromBootsBuildersCarryTheTraceToTheServer(String client) {
		Path output = this.tempDir.resolve(client + ".jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output)) {
			HttpResponse<String> response = get(app, "/relay/" + client + "/pen");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("pen");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode relayServer = single(events, "http_request", kind("server").and(route("/relay/")));
		// the RestTemplate is wrapped in a bean of its own, whose call is the client span's parent
		JsonNode caller = single(events, "function_entry",
				function(client.equals("rest-template") ? "EchoRestTemplate.get" : "EchoClients.echo"));
		JsonNode clientRequest = single(events, "http_request", kind("client"));
		JsonNode clientResponse = single(events, "http_response", kind("client"));
		JsonNode echoServer = single(events, "http_request", kind("server").and(route("/echo/")));
		JsonNode echo = single(events, "function_entry", function("GreetingController.echo"));

		assertThat(List.of(caller, clientRequest, echoServer, echo)).allSatisfy(
				(event) -> assertThat(event.get("trace_id")).isEqualTo(relayServer.get("trace_id")));
		assertParent(clientRequest, caller);
		assertThat(clientResponse.get("span_id")).isEqualTo(clientRequest.get("span_id"));
		assertThat(attribute(clientResponse, "http.status_code").asInt()).isEqualTo(200);
		assertParent(echoServer, clientRequest);
		assertParent(echo, echoServer);
	}

	@Test
	void environmentVariableAliasesAreApplied() {
		// surefire sets ENVIRONMENT=compat; the starter maps it to telemetry.environment
		Path output = this.tempDir.resolve("environment.jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output)) {
			assertThat(app.getEnvironment().getProperty("telemetry.environment")).isEqualTo("compat");
			get(app, "/echo/env");
		}
		assertThat(TelemetrySchema.readValidated(output)).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("environment").asString()).isEqualTo("compat"));
	}

	@Test
	void actuatorEndpointReportsTheWriter() {
		Path output = this.tempDir.resolve("actuator.jsonl");
		try (ConfigurableApplicationContext app = start(CompatApplication.class, WebApplicationType.SERVLET, output,
				"management.endpoints.web.exposure.include=telemetry")) {
			HttpResponse<String> response = get(app, "/actuator/telemetry");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"writer\":{").contains("\"running\":true")
				.contains("\"providers\":[");
		}
		TelemetrySchema.readValidated(output);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void badConfigurationFailsAtStartUpWithAReportNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(CompatApplication.class, WebApplicationType.SERVLET,
				this.tempDir.resolve("never.jsonl"), "telemetry.methods.include=com/example"));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("property 'telemetry.methods.include[0]'");
	}

	@Test
	void webFluxRequestAndWebClientCallAreOneTrace() {
		Path output = this.tempDir.resolve("reactive.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveCompatApplication.class, WebApplicationType.REACTIVE,
				output)) {
			HttpResponse<String> response = get(app, "/prices/pen");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("pen=30");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server").and(route("/prices/")));
		JsonNode controller = single(events, "function_entry", function("PriceController.price"));
		JsonNode service = single(events, "function_entry", function("PriceService.quote"));
		JsonNode clientRequest = single(events, "http_request", kind("client"));
		JsonNode baseServer = single(events, "http_request", kind("server").and(route("/base/")));
		assertParent(controller, server);
		assertParent(service, controller);
		assertThat(clientRequest.get("trace_id")).isEqualTo(server.get("trace_id"));
		assertParent(baseServer, clientRequest);
	}

	@Test
	void aFailedExchangesSpanEndsAfterTheExceptionHandlersWithTheStatusTheySent() {
		Path output = this.tempDir.resolve("closed.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveCompatApplication.class, WebApplicationType.REACTIVE,
				output)) {
			HttpResponse<String> response = get(app, "/closed/pen");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).isEqualTo("closed");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode server = single(events, "http_request", kind("server"));
		JsonNode answer = single(events, "http_response", kind("server"));
		JsonNode handler = single(events, "function_exit", function("ClosedShopHandler.handle"));
		assertThat(answer.get("attributes").get("http.status_code").asInt()).isEqualTo(503);
		assertThat(answer.get("attributes").get("http.route").asString()).isEqualTo("/closed/{item}");
		assertThat(answer.get("error").get("message").asString()).isEqualTo("no pen today");
		assertParent(handler, server);
		assertThat(handler.get("timestamp_ns").asLong()).isLessThanOrEqualTo(answer.get("timestamp_ns").asLong());
		assertThat(answer.get("duration_ns").asLong()).isGreaterThanOrEqualTo(30_000_000L);
	}

	@Test
	void aCallReturningAReactiveTypeOtherThanReactorsLastsUntilItCompletes() {
		Path output = this.tempDir.resolve("flow.jsonl");
		try (ConfigurableApplicationContext app = start(ReactiveCompatApplication.class, WebApplicationType.REACTIVE,
				output)) {
			HttpResponse<String> response = get(app, "/quotes/pen");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("pen=10;pen=20;pen=30;");
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode service = single(events, "function_exit", function("PriceService.quotes"));
		JsonNode controller = single(events, "function_exit", function("PriceController.quotes"));
		assertThat(service.get("duration_ns").asLong()).isGreaterThanOrEqualTo(60_000_000L);
		assertThat(controller.get("duration_ns").asLong()).isGreaterThanOrEqualTo(service.get("duration_ns").asLong());
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type, Path output,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "telemetry.output.path=" + output,
				"telemetry.metadata.enabled=false", "spring.datasource.url=jdbc:h2:mem:" + System.nanoTime(),
				"spring.application.name=compat"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).web(type).properties(all.toArray(String[]::new)).run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext app, String path) {
		Environment environment = app.getEnvironment();
		URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
		try {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertParent(JsonNode child, JsonNode parent) {
		assertThat(child.get("trace_id")).as("trace of %s", child).isEqualTo(parent.get("trace_id"));
		assertThat(child.get("parent_span_id").asString()).as("parent of %s", child)
			.isEqualTo(parent.get("span_id").asString());
	}

	private static JsonNode single(List<JsonNode> events, String type, Predicate<JsonNode> filter) {
		List<JsonNode> matching = all(events, type, filter);
		assertThat(matching).as("%s events", type).hasSize(1);
		return matching.get(0);
	}

	private static List<JsonNode> all(List<JsonNode> events, String type, Predicate<JsonNode> filter) {
		return events.stream()
			.filter((event) -> event.get("event_type").asString().equals(type))
			.filter(filter)
			.toList();
	}

	private static Predicate<JsonNode> kind(String kind) {
		return (event) -> kind.equals(attribute(event, "span.kind").asString());
	}

	private static Predicate<JsonNode> route(String pathPrefix) {
		return (event) -> {
			JsonNode url = attribute(event, "http.url");
			return url != null && URI.create(url.asString()).getPath().startsWith(pathPrefix);
		};
	}

	private static Predicate<JsonNode> function(String name) {
		return (event) -> name.equals(event.get("function_name").asString());
	}

	private static JsonNode attribute(JsonNode event, String name) {
		return event.get("attributes").get(name);
	}

}
