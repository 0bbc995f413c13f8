package dev.cloudtelemetry.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on virtual threads ({@code spring.threads.virtual.enabled=true}) whose request threads wait on
 * the writer (a full queue with {@code overflow=block}, or {@code flush-per-request} on AWS Lambda) while the
 * output hangs: a waiting virtual thread must leave its carrier, so that the application's other virtual threads
 * go on running. On JDK 21 to 23 a virtual thread that waits in {@code Object.wait} or for a monitor keeps its
 * carrier (it is "pinned"; JEP 491 lifted that in JDK 24), so the writer waits with {@code java.util.concurrent}
 * locks. A child JVM runs every virtual thread on one carrier ({@link VirtualThreadChild}); with the monitors the
 * writer used before, the second virtual thread never ran there on JDK 21. Needs JDK 21 or later (CI runs this
 * class on JDK 21 and on the newest JDK installed).
 */
class VirtualThreadTests {

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@ValueSource(strings = { "block", "flush" })
	void aVirtualThreadWaitingOnTheWriterLeavesItsCarrier(String mode) throws Exception {
		Assumptions.assumeTrue(Runtime.version().feature() >= 21,
				"virtual threads need JDK 21 or later; this JVM is " + Runtime.version());
		Path file = this.tempDir.resolve(mode + ".jsonl");
		Path log = this.tempDir.resolve(mode + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Djdk.virtualThreadScheduler.parallelism=1",
				"-Djdk.virtualThreadScheduler.maxPoolSize=1", "-cp", System.getProperty("java.class.path"),
				VirtualThreadChild.class.getName(), file.toString(), mode)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean ended;
		try {
			ended = child.waitFor(60, TimeUnit.SECONDS);
		}
		finally {
			child.destroyForcibly();
			child.waitFor(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(log);
		assertThat(ended).as("the child JVM ended: " + output).isTrue();
		assertThat(output).as(output).contains("other virtual thread ran: true");
		int events = mode.equals("block") ? VirtualThreadChild.BLOCKING_EVENTS : 1;
		assertThat(output).as(output).contains("written: " + events);
		assertThat(child.exitValue()).as(output).isZero();
		assertThat(TelemetrySchema.readValidated(file)).hasSize(events);
	}

}
