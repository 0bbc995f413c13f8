package dev.cloudtelemetry.coexistence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sample.tracing.GreetingApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the greeting application in this JVM on a free local port, with Micrometer's MDC keys and the
 * starter's in its console pattern.
 */
final class Greetings {

	/** The service's log line: Micrometer's {@code traceId} and {@code spanId}, the starter's {@code trace_id}. */
	static final Pattern MDC_LINE = Pattern
		.compile("greeting ada mdc traceId=([0-9a-f]*) spanId=([0-9a-f]*) trace_id=([0-9a-f]*)");

	private Greetings() {
	}

	static ConfigurableApplicationContext start(Path jsonl, Class<?> tracerConfiguration, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--telemetry.output.path=" + jsonl, "--management.tracing.sampling.probability=1.0",
				"--spring.datasource.url=jdbc:h2:mem:micrometer;DB_CLOSE_DELAY=-1",
				"--logging.pattern.console=%m mdc traceId=%X{traceId} spanId=%X{spanId} trace_id=%X{trace_id}%n"));
		args.addAll(List.of(extraArgs));
		return new SpringApplicationBuilder(GreetingApplication.class, tracerConfiguration)
			.run(args.toArray(String[]::new));
	}

	static String get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(java.time.Duration.ofSeconds(30))
				.GET()
				.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/**
	 * The MDC values of the service's log line.
	 * @return Micrometer's trace id and span id, then the starter's trace id
	 */
	static List<String> loggedMdc(String output) {
		Matcher mdc = MDC_LINE.matcher(output);
		assertThat(mdc.find()).as("the service's log line in %s", output).isTrue();
		return List.of(mdc.group(1), mdc.group(2), mdc.group(3));
	}

}
