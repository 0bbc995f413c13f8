package dev.cloudtelemetry.coexistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingApplication;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with Log4j 2 in place of Logback (what {@code spring-boot-starter-log4j2} gives: Log4j 2
 * core, its SLF4J and JUL bridges; Logback and the Log4j-to-SLF4J bridge left out), in a child JVM: without
 * Logback's turbo filter the starter keeps {@code trace_id} and {@code span_id} in the MDC itself, so a
 * Log4j 2 pattern's {@code %X} prints the ids of the current span, and the request is traced as usual.
 */
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "otel",
		disabledReason = "runs once, in the build's first test execution")
class Log4j2LoggingTests {

	private static final List<String> LOGBACK = List.of("logback-classic", "logback-core", "log4j-to-slf4j",
			"jul-to-slf4j");

	@TempDir
	Path tempDir;

	@Test
	void log4j2LinesCarryTheIdsOfTheCurrentSpan() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		Path output = this.tempDir.resolve("child.out");
		Process child = new ProcessBuilder(ChildApplication.java(), "-XX:TieredStopAtLevel=1", "-cp",
				ChildApplication.classPath(LOGBACK, log4j2Jars()), GreetingApplication.class.getName(),
				"--server.port=0", "--server.address=127.0.0.1", "--telemetry.output.path=" + jsonl,
				"--spring.datasource.url=jdbc:h2:mem:log4j2;DB_CLOSE_DELAY=-1",
				"--logging.pattern.console=%m mdc trace_id=%X{trace_id} span_id=%X{span_id} logger=%c{1.}%n")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			ChildApplication.get(ChildApplication.awaitPort(child, output, 1), "/greet/ada");
		}
		finally {
			child.destroy();
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM stopped").isTrue();
		}
		String log = Files.readString(output);
		assertThat(log).as("Spring Boot's Log4j 2 logging system formats the lines")
			.contains("logger=o.s.b.t.TomcatWebServer")
			.doesNotContain("logback", "SLF4J(W)");
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);
		JsonNode greet = Events.single(events, "function_entry", Events.function("GreetingService.greet"));
		ChildApplication.assertGreetingCarriesIds(log, "ada", greet);
		assertThat(Pattern.compile("Tomcat started on port \\d+.* mdc trace_id= span_id= ").matcher(log).find())
			.as("no ids outside a span").isTrue();
	}

	private static String[] log4j2Jars() throws IOException {
		String directory = System.getProperty("log4j2");
		assertThat(directory).as("-Dlog4j2 (set by the build)").isNotNull();
		try (Stream<Path> jars = Files.list(Path.of(directory))) {
			String[] found = jars.map(Path::toString).filter((jar) -> jar.endsWith(".jar")).sorted().toArray(String[]::new);
			assertThat(found).hasSize(3);
			return found;
		}
	}

}
