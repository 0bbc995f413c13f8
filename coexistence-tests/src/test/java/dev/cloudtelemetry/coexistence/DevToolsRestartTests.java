package dev.cloudtelemetry.coexistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingApplication;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter (a jar, in DevTools' base class loader) under a real Spring Boot DevTools restart of the sample
 * application (its classes in a directory, in DevTools' restart class loader), in a child JVM: a class file of
 * the application changes, DevTools closes the context and starts a new one from a new class loader. The
 * restarted application is traced as the first one was (its beans' calls, statements, requests, the log MDC),
 * the restart leaves no thread of the starter behind, and the process's JSONL has one sequence without gap or
 * repeat.
 */
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "otel",
		disabledReason = "runs once, in the build's first test execution")
class DevToolsRestartTests {

	private static final Pattern THREAD = Pattern.compile("^\"(telemetry-[^\"]*)\"", Pattern.MULTILINE);

	@TempDir
	Path tempDir;

	@Test
	void aRestartedApplicationIsTracedAsBeforeAndLeavesNoThreadBehind() throws Exception {
		String devtools = System.getProperty("spring-boot-devtools");
		assertThat(devtools).as("-Dspring-boot-devtools (set by the build)").isNotNull();
		assertThat(Path.of(devtools)).exists();
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		Path output = this.tempDir.resolve("child.out");
		Process child = new ProcessBuilder(ChildApplication.java(), "-XX:TieredStopAtLevel=1", "-cp",
				ChildApplication.classPath(devtools), GreetingApplication.class.getName(), "--server.port=0",
				"--server.address=127.0.0.1", "--telemetry.output.path=" + jsonl,
				"--spring.datasource.url=jdbc:h2:mem:devtools;DB_CLOSE_DELAY=-1",
				"--spring.devtools.restart.poll-interval=300ms", "--spring.devtools.restart.quiet-period=100ms",
				"--spring.devtools.livereload.enabled=false",
				"--logging.pattern.console=%m mdc trace_id=%X{trace_id} span_id=%X{span_id} thread=%t%n")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		Map<String, Long> threadsBefore;
		Map<String, Long> threadsAfter;
		try {
			ChildApplication.get(ChildApplication.awaitPort(child, output, 1), "/greet/ada");
			assertThat(Files.readString(output)).as("DevTools runs the application in its restart class loader")
				.contains("thread=restartedMain");
			threadsBefore = starterThreads(child);
			Path classFile = Path.of(GreetingApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.resolve(GreetingApplication.class.getName().replace('.', '/') + ".class");
			Files.setLastModifiedTime(classFile, FileTime.from(Instant.now().plusSeconds(2)));
			ChildApplication.get(ChildApplication.awaitPort(child, output, 2), "/greet/bob");
			threadsAfter = starterThreads(child);
		}
		finally {
			child.destroy();
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM stopped").isTrue();
		}
		String log = Files.readString(output);
		assertThat(threadsBefore).as("the starter's threads before the restart").containsKey("telemetry-writer");
		assertThat(threadsAfter).as("the starter's threads after the restart, against %s before", threadsBefore)
			.isEqualTo(threadsBefore);

		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);
		assertThat(events).extracting((event) -> event.get("sequence").asLong())
			.as("one sequence for the process, across the restart")
			.containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
		assertThat(events).extracting((event) -> event.get("process").get("pid").asLong())
			.containsOnly(child.pid());
		assertThat(Events.all(events, "telemetry_dropped", (event) -> true)).isEmpty();
		for (String name : List.of("ada", "bob")) {
			JsonNode server = Events.single(events, "http_request",
					Events.kind("server").and((event) -> event.get("attributes").get("http.url").asString()
						.endsWith("/greet/" + name)));
			String traceId = server.get("trace_id").asString();
			List<JsonNode> trace = events.stream()
				.filter((event) -> event.get("trace_id").asString().equals(traceId))
				.toList();
			JsonNode greet = Events.single(trace, "function_entry", Events.function("GreetingService.greet"));
			assertThat(Events.all(trace, "db_query", (event) -> true)).as("the statement of /greet/%s", name)
				.hasSize(1);
			ChildApplication.assertGreetingCarriesIds(log, name, greet);
		}
	}

	/** The starter's live threads in the child, by name, from {@code jcmd Thread.print}. */
	private static Map<String, Long> starterThreads(Process child) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "Thread.print")
			.redirectErrorStream(true)
			.start();
		String threads = new String(dump.getInputStream().readAllBytes());
		assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(dump.exitValue()).as(threads).isZero();
		return THREAD.matcher(threads)
			.results()
			.map((thread) -> thread.group(1))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
