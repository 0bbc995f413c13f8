package dev.cloudtelemetry.output;

import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL while writing, then restarted on the same file.
 */
class CrashRecoveryTests {

	@TempDir
	Path tempDir;

	private Process child(Path file, long count) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WritingChild.class.getName(),
				file.toString(), Long.toString(count))
			.redirectErrorStream(true)
			.redirectOutput(this.tempDir.resolve("child.log").toFile())
			.start();
	}

	@Test
	void aKilledWritersTornLineStaysAloneAndTheRestartWritesWholeLines() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		Process first = child(file, 0);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(file) || Files.size(file) < 2_000_000) {
			assertThat(System.nanoTime()).as("the child writes").isLessThan(deadline);
			assertThat(first.isAlive()).as("the child runs").isTrue();
			Thread.sleep(20);
		}
		first.destroyForcibly();
		assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		byte[] killed = Files.readAllBytes(file);
		if (killed[killed.length - 1] == '\n') {
			// the kill fell between two writes: tear the last line as a crash in the middle of a write does
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(killed.length - 100);
			}
		}
		long tornAt = Files.size(file);
		Process second = child(file, 100);
		assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(second.exitValue()).as("see " + this.tempDir.resolve("child.log")).isZero();

		List<String> lines = Files.readAllLines(file);
		String torn = null;
		int tornIndex = -1;
		for (int i = 0; i < lines.size(); i++) {
			try {
				TelemetrySchema.validate(lines.get(i));
			}
			catch (RuntimeException | AssertionError ex) {
				assertThat(torn).as("only one damaged line").isNull();
				torn = lines.get(i);
				tornIndex = i;
			}
		}
		assertThat(torn).as("the torn line").isNotNull().startsWith("{\"schema\"");
		List<String> restarted = lines.subList(tornIndex + 1, lines.size());
		List<JsonNode> events = restarted.stream().map(TelemetrySchema::validate).toList();
		assertThat(events).extracting((e) -> e.get("sequence").asLong())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
		assertThat(Files.size(file)).isGreaterThan(tornAt);
		assertThat(new File(file.toString())).exists();
	}

}
