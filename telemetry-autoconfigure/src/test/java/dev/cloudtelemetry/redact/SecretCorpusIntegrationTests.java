package dev.cloudtelemetry.redact;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.secrets.SecretSink;
import sample.secrets.SecretsApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import dev.cloudtelemetry.redact.SecretCorpus.Secret;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants every secret of the {@link SecretCorpus} through every channel of a real application (a captured
 * argument, an exception's message, a cause's, a suppressed exception's, an SQL literal and a database
 * error on H2, a server and a client URL, a recorded header, the command line, pod annotations) and
 * checks that no line written, nor the endpoint's answer, holds any of them.
 */
class SecretCorpusIntegrationTests {

	@TempDir
	Path tempDir;

	@Test
	void noSecretReachesTheOutputOrTheEndpoint() throws Exception {
		assertThat(SecretCorpus.ALL).hasSizeGreaterThanOrEqualTo(50);
		Path output = this.tempDir.resolve("telemetry.jsonl");
		String endpoint;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecretsApplication.class,
				PlantedResources.class)
			.web(WebApplicationType.SERVLET)
			.properties("telemetry.output.path=" + output, "server.port=0", "spring.application.name=secrets",
					"spring.datasource.url=jdbc:h2:mem:secrets", "telemetry.methods.capture-arguments=true",
					"telemetry.limits.max-argument-length=4096", "telemetry.errors.stacktrace=true",
					"telemetry.http.recorded-headers=X-Note", "telemetry.metadata.enabled=false",
					"management.endpoints.web.exposure.include=telemetry", "telemetry.endpoint.show-values=always")
			.run()) {
			SecretSink sink = context.getBean(SecretSink.class);
			context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
				.execute("create table note (id int primary key, body varchar(4000))");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RestClient client = context.getBean(RestClient.Builder.class).build();
			for (Secret secret : SecretCorpus.ALL) {
				plant(sink, client, port, secret.text());
			}
			endpoint = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/telemetry"))
					.timeout(java.time.Duration.ofSeconds(30))
					.build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
		List<String> lines = Files.readAllLines(output);
		TelemetrySchema.readValidated(output);
		assertThat(lines).as("events written").hasSizeGreaterThan(SecretCorpus.ALL.size() * 10);
		assertThat(endpoint).contains("\"k8s\"");
		List<String> leaks = new ArrayList<>();
		for (Secret secret : SecretCorpus.ALL) {
			for (String line : lines) {
				if (line.contains(secret.needle())) {
					leaks.add(secret.needle() + " in " + leakContext(line, secret.needle()));
				}
			}
			if (endpoint.contains(secret.needle())) {
				leaks.add(secret.needle() + " at the endpoint");
			}
		}
		assertThat(leaks).isEmpty();
	}

	private static void plant(SecretSink sink, RestClient client, int port, String text) {
		sink.accept(text);
		swallow(() -> sink.fail(text));
		swallow(() -> sink.failWithCause(text));
		swallow(() -> sink.failWithSuppressed(text));
		sink.query(text);
		swallow(() -> sink.badQuery(text));
		String query = URLEncoder.encode(text, StandardCharsets.UTF_8);
		client.get()
			.uri(URI.create("http://127.0.0.1:" + port + "/echo?note=" + query))
			.header("X-Note", text.replace('\n', ' '))
			.retrieve()
			.toBodilessEntity();
	}

	private static void swallow(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException expected) {
			// the failure is what is written
		}
	}

	private static String leakContext(String line, String needle) {
		int at = line.indexOf(needle);
		int eventType = line.indexOf("\"event_type\"");
		return line.substring(eventType, Math.min(line.length(), eventType + 40)) + " ... "
				+ line.substring(Math.max(0, at - 80), Math.min(line.length(), at + needle.length() + 20));
	}

	@Configuration(proxyBeanMethods = false)
	static class PlantedResources {

		/** The command line of a process started with every secret as an argument. */
		@Bean
		ProcessResourceProvider plantedCommandLine() {
			List<String> arguments = new ArrayList<>(List.of("java", "-jar", "secrets.jar"));
			for (Secret secret : SecretCorpus.ALL) {
				arguments.add("--note=" + secret.text());
			}
			return new ProcessResourceProvider(1, "/usr/bin/java", arguments);
		}

		/** Pod annotations holding every secret, as the Kubernetes provider contributes them. */
		@Bean
		ResourceProvider plantedPodAnnotations() {
			return new ResourceProvider() {

				@Override
				public String name() {
					return "planted";
				}

				@Override
				public void contribute(ResourceBuilder builder) {
					Map<String, Object> annotations = new LinkedHashMap<>();
					for (int i = 0; i < SecretCorpus.ALL.size(); i++) {
						annotations.put("note-" + i, SecretCorpus.ALL.get(i).text());
					}
					builder.k8s().put("namespace.name", "shop");
					builder.k8s().put("pod_annotations", annotations);
				}

			};
		}

	}

}
