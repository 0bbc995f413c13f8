package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.beans.TracedGreeter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.method.MethodTracingAutoConfiguration;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced bean of an application whose telemetry file is a named pipe nobody reads: the writer's output hangs
 * as on a stuck network file system. At the default {@code overflow=block} the application's calls go on once
 * {@code telemetry.output.stall-timeout} passes; when a reader comes, the writer writes what it held.
 */
class HangingOutputTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TelemetryAutoConfiguration.class,
				MethodTracingAutoConfiguration.class))
		.withBean(TracedGreeter.class);

	@TempDir
	Path tempDir;

	@Test
	void callsOfTracedBeansGoOnWhileTheOutputHangs() throws Exception {
		Path pipe = this.tempDir.resolve("telemetry.jsonl");
		assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
		Path received = this.tempDir.resolve("received.jsonl");
		Process[] reader = new Process[1];
		this.contextRunner
			.withPropertyValues("telemetry.output.path=" + pipe, "telemetry.output.queue-capacity=32",
					"telemetry.output.stall-timeout=300ms", "telemetry.output.rotation.enabled=false",
					"telemetry.output.metadata-wait=0s")
			.run((context) -> {
				TracedGreeter greeter = context.getBean(TracedGreeter.class);
				AsyncEventWriter writer = context.getBean(AsyncEventWriter.class);
				WriterStats stats;
				try {
					CompletableFuture.runAsync(() -> {
						for (int i = 0; i < 2000; i++) {
							assertThat(greeter.greet("caller " + i)).isEqualTo("Hello caller " + i);
						}
					}).get(30, TimeUnit.SECONDS);
					// read while the output still hangs: once a reader comes, the writer moves again
					stats = writer.stats();
				}
				catch (TimeoutException ex) {
					throw new AssertionError("The application's calls still wait for the telemetry writer after 30 s");
				}
				finally {
					reader[0] = new ProcessBuilder("cat", pipe.toString()).redirectOutput(received.toFile()).start();
				}
				assertThat(stats.stalled()).isTrue();
				assertThat(stats.losses().queueFull()).isPositive();
			});
		assertThat(reader[0].waitFor(30, TimeUnit.SECONDS)).isTrue();
		// what the writer held when its output hung is written once it answers, every line valid
		assertThat(TelemetrySchema.readValidated(received)).isNotEmpty();
	}

}
