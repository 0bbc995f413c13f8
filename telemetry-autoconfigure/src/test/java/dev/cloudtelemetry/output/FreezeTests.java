package dev.cloudtelemetry.output;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Lambda freezes the execution environment as soon as an invocation returns, and may later shut it down
 * without a signal to the runtime: events still queued then are written late or never. A child JVM handles one
 * invocation and is stopped with SIGSTOP (what a freeze is to the process) the moment its handler returned: with
 * {@code flushWhenRootsEnd}, every event of the invocation is already in the file; then it is killed with
 * SIGKILL, and the file keeps them. (Without it, the invocation's burst of events sets the writer lingering, and
 * the events of its last 30 ms are still queued when the process is stopped.)
 */
class FreezeTests {

	@TempDir
	Path tempDir;

	@Test
	void theEventsOfAnInvocationAreWrittenBeforeItReturns() throws Exception {
		Path file = this.tempDir.resolve("events.jsonl");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				InvocationChild.class.getName(), file.toString(), "true")
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = output.readLine()) != null && !line.equals("returned")) {
				// the child's log lines
			}
			assertThat(line).isEqualTo("returned");
			Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).start();
			assertThat(stop.waitFor(10, TimeUnit.SECONDS)).isTrue();
			// frozen: nothing more can be written now
			List<JsonNode> events = TelemetrySchema.readValidated(file);
			assertThat(events).extracting((event) -> event.get("event_type").asString() + " "
					+ event.get("function_name").asString())
				.contains("function_entry Handler.handleRequest", "function_exit Orders.save",
						"function_exit Handler.handleRequest")
				.hasSize(26);
		}
		finally {
			child.destroyForcibly();
			child.waitFor(10, TimeUnit.SECONDS);
		}
		assertThat(TelemetrySchema.readValidated(file)).hasSize(26);
	}

	@Test
	void flushReturnsOnceEveryEventOfferedBeforeIsInTheFile() throws Exception {
		Path file = this.tempDir.resolve("flushed.jsonl");
		try (AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start()) {
			for (int round = 1; round <= 5; round++) {
				for (int i = 0; i < 100; i++) {
					writer.accept(event("round " + round + " event " + i));
				}
				assertThat(writer.flush(5000)).isTrue();
				// read at once, well within the writer's 100 ms linger
				assertThat(Files.readAllLines(file)).hasSize(100 * round);
			}
		}
	}

}
