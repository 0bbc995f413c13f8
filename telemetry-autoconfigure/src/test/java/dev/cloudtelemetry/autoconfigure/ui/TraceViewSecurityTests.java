package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import sample.http.back.BackApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view with Spring Security, in real servlet applications on Tomcat: the page is part of the
 * telemetry endpoint, so Spring Boot's default security and rules written for the actuator
 * ({@code EndpointRequest.toAnyEndpoint()}) cover the page and its data alike, on the application's port or
 * on a separate management port. Runs in the build's {@code security} test execution, the only one whose
 * class path has Spring Security.
 */
@EnabledIfSystemProperty(named = "telemetry.test.security", matches = "true",
		disabledReason = "runs in the build's test execution whose class path has Spring Security")
class TraceViewSecurityTests {

	// what Chromium sends when it opens a page
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path tempDir;

	@Test
	void withBootsDefaultSecurityThePageAndItsDataNeedALogin() throws Exception {
		try (ConfigurableApplicationContext app = start(List.of(BackApplication.class), "spring.security.user.name=ops",
				"spring.security.user.password=secret")) {
			String base = base(app, "local.server.port");
			for (String path : List.of("/actuator/telemetry/view", "/actuator/telemetry/view/trace-view.js",
					"/actuator/telemetry/traces", "/actuator/telemetry", "/telemetry")) {
				assertThat(get(base + path, null, "application/json").statusCode()).as(path).isEqualTo(401);
			}
			HttpResponse<String> browser = get(base + "/actuator/telemetry/view", null, BROWSER_ACCEPT);
			assertThat(browser.statusCode()).isEqualTo(302);
			assertThat(browser.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));

			assertPageAndDataServed(base, "ops:secret");
		}
	}

	@Test
	void rulesForTheActuatorCoverThePageAndItsData() throws Exception {
		try (ConfigurableApplicationContext app = start(List.of(BackApplication.class, OpsOnlyActuator.class),
				"telemetry.endpoint.show-values=when-authorized", "telemetry.endpoint.roles=OPS")) {
			String base = base(app, "local.server.port");
			assertOnlyOpsGetIn(base);
			// the application's own paths are not the actuator's: open
			assertThat(get(base + "/stock/lamp", null, "application/json").statusCode()).isEqualTo(200);
			JsonNode summary = awaitTrace(base, "alice:alice-secret", "stock");
			JsonNode trace = json(get(base + "/actuator/telemetry/traces/" + summary.get("traceId").asString(),
					"alice:alice-secret", "application/json"));
			// the caller's roles reach the endpoint through the page's operations: OPS sees values unmasked
			assertThat(trace.get("spans").get(0).get("attributes").get("client.address").asString())
				.isEqualTo("127.0.0.1");
		}
		// the writer drains its queue when the context closes
		assertValidJsonl();
	}

	@Test
	void onASeparateManagementPortThePageIsThereAndTheRulesStillApply() throws Exception {
		try (ConfigurableApplicationContext app = start(List.of(BackApplication.class, OpsOnlyActuator.class),
				"management.server.port=0", "management.server.address=127.0.0.1")) {
			String management = base(app, "local.management.port");
			String application = base(app, "local.server.port");
			assertThat(management).isNotEqualTo(application);
			assertOnlyOpsGetIn(management);
			// nothing of it on the application's port: no page, no data, no redirect
			for (String path : List.of("/actuator/telemetry/view", "/actuator/telemetry/traces", "/telemetry")) {
				assertThat(get(application + path, "alice:alice-secret", "application/json").statusCode()).as(path)
					.isEqualTo(404);
			}
			assertThat(get(application + "/stock/lamp", null, "application/json").statusCode()).isEqualTo(200);
		}
		// the writer drains its queue when the context closes
		assertValidJsonl();
	}

	private void assertOnlyOpsGetIn(String base) throws Exception {
		for (String path : List.of("/actuator/telemetry/view", "/actuator/telemetry/view/trace-view.js",
				"/actuator/telemetry/traces", "/actuator/telemetry")) {
			assertThat(get(base + path, null, "application/json").statusCode()).as("anonymous " + path).isEqualTo(401);
			assertThat(get(base + path, "bob:bob-secret", "application/json").statusCode()).as("bob " + path)
				.isEqualTo(403);
		}
		assertPageAndDataServed(base, "alice:alice-secret");
	}

	private void assertPageAndDataServed(String base, String credentials) throws Exception {
		HttpResponse<String> page = get(base + "/actuator/telemetry/view", credentials, BROWSER_ACCEPT);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<title>Telemetry trace view</title>");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(get(base + "/actuator/telemetry/view/trace-view.css", credentials, "text/css,*/*;q=0.1").statusCode())
			.isEqualTo(200);
		HttpResponse<String> traces = get(base + "/actuator/telemetry/traces", credentials, "application/json");
		assertThat(traces.statusCode()).isEqualTo(200);
		assertThat(json(traces).has("traces")).isTrue();
	}

	private JsonNode awaitTrace(String base, String credentials, String name) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (true) {
			JsonNode traces = json(get(base + "/actuator/telemetry/traces?nameContains=" + name, credentials,
					"application/json"))
				.get("traces");
			if (!traces.isEmpty()) {
				return traces.get(0);
			}
			assertThat(System.nanoTime()).as("trace listed in time").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private void assertValidJsonl() {
		assertThat(TelemetrySchema.readValidated(this.tempDir.resolve("out.jsonl"))).isNotEmpty();
	}

	private ConfigurableApplicationContext start(List<Class<?>> sources, String... properties) {
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties("server.port=0", "server.address=127.0.0.1",
					"telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.ui.enabled=true",
					"management.endpoints.web.exposure.include=telemetry")
			.properties(properties)
			.run();
	}

	private static String base(ConfigurableApplicationContext app, String portProperty) {
		return "http://127.0.0.1:" + app.getEnvironment().getProperty(portProperty);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.builder().build().readTree(response.body());
	}

	private HttpResponse<String> get(String url, String credentials, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", accept);
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * What the trace view's documentation recommends: every actuator endpoint, the page included, for the
	 * OPS role only.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OpsOnlyActuator {

		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}alice-secret").roles("OPS").build(),
					User.withUsername("bob").password("{noop}bob-secret").roles("USER").build());
		}

	}

}
