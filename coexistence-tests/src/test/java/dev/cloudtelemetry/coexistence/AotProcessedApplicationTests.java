package dev.cloudtelemetry.coexistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import sample.tracing.GreetingApplication;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application processed ahead of time by Spring AOT (what {@code spring-boot:process-aot} runs:
 * {@code SpringApplicationAotProcessor} in a child JVM, its generated sources compiled here) and run on the JVM
 * with {@code -Dspring.aot.enabled=true}: the starter's beans come from the generated bean definitions and the
 * application is traced as without AOT. Spring AOT fixes the beans at build time, so
 * {@code telemetry.enabled=false} at run time cannot remove them; it still stops every event and says so, and
 * any other switch whose value differs from the build's is named in a warning.
 */
@EnabledIfSystemProperty(named = "coexistence.bridge", matches = "otel",
		disabledReason = "runs once, in the build's first test execution")
class AotProcessedApplicationTests {

	@TempDir
	static Path aot;

	@TempDir
	Path tempDir;

	private static String classPath;

	@BeforeAll
	static void processAheadOfTime() throws Exception {
		classPath = ChildApplication.classPath();
		Path sources = aot.resolve("sources");
		Path resources = aot.resolve("resources");
		Path classes = aot.resolve("classes");
		Path output = aot.resolve("process-aot.out");
		Process processor = new ProcessBuilder(ChildApplication.java(), "-XX:TieredStopAtLevel=1", "-cp", classPath,
				"org.springframework.boot.SpringApplicationAotProcessor", GreetingApplication.class.getName(),
				sources.toString(), resources.toString(), classes.toString(), "dev.cloudtelemetry", "greetings")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(processor.waitFor(180, TimeUnit.SECONDS)).as("AOT processing ends").isTrue();
		assertThat(processor.exitValue()).as("AOT processing: %s", Files.readString(output)).isZero();
		List<String> generated;
		try (Stream<Path> files = Files.walk(sources)) {
			generated = files.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).toList();
		}
		assertThat(generated).as("generated bean definitions of the starter")
			.anyMatch((file) -> file.endsWith("TelemetryAutoConfiguration__BeanDefinitions.java"));
		assertThat(resources.resolve("META-INF/telemetry/aot-switches.properties")).as("the build's switches")
			.content()
			.contains("telemetry.jdbc.enabled=true");
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-nowarn", "-proc:none", "-d", classes.toString(), "-cp",
				classPath));
		arguments.addAll(generated);
		assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac of the generated sources")
			.isZero();
	}

	@Test
	void theAotProcessedApplicationIsTracedAsWithoutAot() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String log = runAndGreet(jsonl);
		assertThat(log).contains("Starting AOT-processed GreetingApplication");
		List<JsonNode> events = TelemetrySchema.readValidated(jsonl);
		JsonNode server = Events.single(events, "http_request", Events.kind("server")
			.and((event) -> event.get("attributes").get("http.url").asString().endsWith("/greet/ada")));
		String traceId = server.get("trace_id").asString();
		List<JsonNode> trace = events.stream()
			.filter((event) -> event.get("trace_id").asString().equals(traceId))
			.toList();
		JsonNode greet = Events.single(trace, "function_entry", Events.function("GreetingService.greet"));
		assertThat(Events.all(trace, "db_query", (event) -> true)).hasSize(1);
		assertThat(Events.all(trace, "http_request", Events.kind("client"))).hasSize(1);
		ChildApplication.assertGreetingCarriesIds(log, "ada", greet);
	}

	@Test
	void turnedOffAtRunTimeItWritesNothingAndSaysWhy() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String log = runAndGreet(jsonl, "--telemetry.enabled=false");
		assertThat(log).contains("Starting AOT-processed GreetingApplication")
			.contains("telemetry.enabled=false at run time in an application that Spring AOT processed")
			.doesNotContain("telemetry.enabled is false in this run");
		assertThat(jsonl).doesNotExist();
		assertThat(this.tempDir).isEmptyDirectory();
	}

	@Test
	void aSwitchThatDiffersFromTheBuildIsNamedInAWarning() throws Exception {
		Path jsonl = this.tempDir.resolve("telemetry.jsonl");
		String log = runAndGreet(jsonl, "--telemetry.jdbc.enabled=false");
		assertThat(log).contains("telemetry.jdbc.enabled is false in this run but was true when Spring AOT processed "
				+ "the application");
		assertThat(log).doesNotContain("telemetry.methods.enabled is");
		// the beans are the build's: the statement is still traced
		assertThat(Events.all(TelemetrySchema.readValidated(jsonl), "db_query", (event) -> true)).hasSize(1);
	}

	/** Runs the AOT-processed application, greets once, stops it (SIGTERM); its output. */
	private String runAndGreet(Path jsonl, String... arguments) throws IOException, InterruptedException {
		Path output = Files.createTempFile("aot-child", ".out");
		try {
			List<String> command = new ArrayList<>(List.of(ChildApplication.java(), "-XX:TieredStopAtLevel=1",
					"-Dspring.aot.enabled=true", "-cp",
					aot.resolve("classes") + java.io.File.pathSeparator + aot.resolve("resources")
							+ java.io.File.pathSeparator + classPath,
					GreetingApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
					"--telemetry.output.path=" + jsonl, "--spring.datasource.url=jdbc:h2:mem:aot;DB_CLOSE_DELAY=-1",
					"--logging.pattern.console=%m mdc trace_id=%X{trace_id} span_id=%X{span_id}%n"));
			command.addAll(List.of(arguments));
			Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			try {
				String body = ChildApplication.get(ChildApplication.awaitPort(child, output, 1), "/greet/ada");
				assertThat(body).startsWith("00-");
			}
			finally {
				child.destroy();
				assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM stopped").isTrue();
			}
			return Files.readString(output);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
