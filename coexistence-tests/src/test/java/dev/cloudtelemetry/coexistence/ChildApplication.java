package dev.cloudtelemetry.coexistence;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application ({@code sample.tracing.GreetingApplication}) in a child JVM: its class path, its
 * port read from its output, and requests to it.
 */
final class ChildApplication {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	/** Micrometer Tracing, Brave and OpenTelemetry's SDK stay out: the child runs without a tracer of its own. */
	private static final List<String> NOT_ON_THE_APPLICATION_CLASS_PATH = List.of("micrometer-tracing",
			"spring-boot-micrometer-tracing", "spring-boot-opentelemetry", "opentelemetry-sdk", "opentelemetry-exporter",
			"brave", "zipkin");

	private ChildApplication() {
	}

	/** The tests' class path without any tracer, followed by the given entries. */
	static String classPath(String... extra) {
		return classPath(List.of(), extra);
	}

	/**
	 * The tests' class path without any tracer and without the jars whose names start with one of the given
	 * prefixes, followed by the given entries.
	 */
	static String classPath(List<String> alsoLeftOut, String... extra) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> leftOut = Stream.concat(NOT_ON_THE_APPLICATION_CLASS_PATH.stream(), alsoLeftOut.stream()).toList();
		return Stream.concat(Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> leftOut.stream()
				.noneMatch((excluded) -> Path.of(entry).getFileName().toString().startsWith(excluded))),
				Arrays.stream(extra))
			.collect(Collectors.joining(File.pathSeparator));
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The port of the {@code started}-th "Tomcat started" line of the child's output (1 for the first start). */
	static int awaitPort(Process child, Path output, int started) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			String log = Files.exists(output) ? Files.readString(output) : "";
			Matcher port = PORT.matcher(log);
			for (int found = 0; port.find();) {
				if (++found == started) {
					return Integer.parseInt(port.group(1));
				}
			}
			assertThat(child.isAlive()).as("child JVM running; its output:%n%s", log).isTrue();
			Thread.sleep(200);
		}
		throw new AssertionError("the child application did not start (" + started + "): " + Files.readString(output));
	}

	/**
	 * Asserts that the child's log has the sample service's line for {@code name}, logged with the pattern
	 * {@code %m mdc trace_id=%X{trace_id} span_id=%X{span_id}}, and that its ids are those of the service call.
	 */
	static void assertGreetingCarriesIds(String log, String name, tools.jackson.databind.JsonNode greet) {
		Matcher mdc = Pattern.compile("greeting " + name + " mdc trace_id=([0-9a-f]*) span_id=([0-9a-f]*)").matcher(log);
		assertThat(mdc.find()).as("the service's log line for %s in %s", name, log).isTrue();
		assertThat(mdc.group(1)).as("trace_id").isEqualTo(greet.get("trace_id").asString());
		assertThat(mdc.group(2)).as("span_id").isEqualTo(greet.get("span_id").asString());
	}

	/** GET of a path of the child, which must answer 200; its body. */
	static String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

}
