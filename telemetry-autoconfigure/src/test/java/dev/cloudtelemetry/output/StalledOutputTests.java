package dev.cloudtelemetry.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An output that hangs instead of failing: the writer's file is a named pipe nobody reads yet, so opening it
 * blocks the writer thread in the kernel as a write to a disk or network file system that stopped answering
 * does. With {@code overflow=block} (the default) the application must not hang with it: once the writer's
 * output has not returned for the stall timeout, application threads stop waiting and events are dropped and
 * counted;
 * when a reader comes (a real {@code cat} process), the writer writes what it holds and producers wait for room
 * again. Every event is written or counted.
 */
class StalledOutputTests {

	@TempDir
	Path tempDir;

	@Test
	void aWriterWhoseOutputHangsDoesNotHangTheApplication() throws Exception {
		Path pipe = this.tempDir.resolve("events.jsonl");
		run("mkfifo", pipe.toString());
		Path received = this.tempDir.resolve("received.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(pipe), TestEvents.encoder(), 64,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.stallTimeout(2000)
			.start();
		ExecutorService application = Executors.newSingleThreadExecutor();
		Process reader = null;
		try {
			Future<?> emitting = application.submit(() -> {
				for (int i = 0; i < 1000; i++) {
					writer.accept(event("while stalled " + i));
				}
			});
			try {
				emitting.get(30, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				fail("The application thread still waits for the writer after 30 s");
			}
			WriterStats stalled = writer.stats();
			assertThat(stalled.stalled()).isTrue();
			assertThat(stalled.running()).isTrue();
			assertThat(stalled.written()).isZero();
			assertThat(stalled.emitted()).isEqualTo(1000);
			// what the writer took before its output blocked (up to a batch) and the queue's 64 wait; the rest
			assertThat(stalled.losses().queueFull()).isPositive()
				.isEqualTo(1000 - stalled.pending())
				.isEqualTo(stalled.dropped());
			// the output answers again: a reader opens the pipe
			reader = new ProcessBuilder("cat", pipe.toString()).redirectOutput(received.toFile()).start();
			awaitNotStalled(writer);
			Future<?> after = application.submit(() -> {
				for (int i = 0; i < 500; i++) {
					writer.accept(event("after " + i));
				}
			});
			after.get(30, TimeUnit.SECONDS);
		}
		finally {
			if (reader == null) {
				// let the writer's open() return so that nothing is left hanging
				reader = new ProcessBuilder("cat", pipe.toString()).redirectOutput(received.toFile()).start();
			}
			writer.close();
			application.shutdownNow();
			assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		WriterStats end = writer.stats();
		List<JsonNode> lines = TelemetrySchema.readValidated(received);
		List<String> messages = lines.stream().map((line) -> line.get("message").asString()).toList();
		assertThat(messages.stream().filter((message) -> message.startsWith("after "))).as("no loss once it moves")
			.hasSize(500);
		// the writer's own telemetry_dropped line reports the losses, and counts as emitted and written
		assertThat(messages.stream().filter((message) -> message.startsWith("Telemetry lost "))).isNotEmpty();
		assertThat(end.written()).isEqualTo(lines.size());
		assertThat(end.written() + end.dropped() + end.failed()).isEqualTo(end.emitted());
		assertThat(end.pending()).isZero();
		assertThat(end.emitted() - end.written()).isEqualTo(end.losses().queueFull());
		assertThat(end.stalled()).isFalse();
	}

	@Test
	void aShutdownWithAHungOutputWaitsItsTimeoutOnceNotOncePerLateEvent() throws Exception {
		Path pipe = this.tempDir.resolve("events.jsonl");
		run("mkfifo", pipe.toString());
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(pipe), TestEvents.encoder(), 64,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		Process reader = null;
		try {
			for (int i = 0; i < 10; i++) {
				writer.accept(event("before shutdown " + i));
			}
			Thread.sleep(500);
			// the writer thread is blocked opening the pipe: shutdown waits 1 s for it, then goes on
			writer.close(1000);
			assertThat(writer.stats().running()).isTrue();
			// beans destroyed after the writer emit events late: each would have waited the whole second again
			long start = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				assertThat(writer.offer(event("late " + i))).isFalse();
			}
			long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(lateMillis).as("10 late events, a 1 s shutdown timeout already spent").isLessThan(5000);
			assertThat(writer.stats().losses().shutdown()).isEqualTo(10);
			Path received = this.tempDir.resolve("received.jsonl");
			reader = new ProcessBuilder("cat", pipe.toString()).redirectOutput(received.toFile()).start();
			assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// the output answered: the writer wrote what it held before it stopped
			assertThat(TelemetrySchema.readValidated(received)).extracting((line) -> line.get("message").asString())
				.contains("before shutdown 0", "before shutdown 9");
		}
		finally {
			if (reader == null) {
				new ProcessBuilder("cat", pipe.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start()
					.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void aWriterWaitingForMetadataAtStartUpIsWaitedFor() throws Exception {
		// a metadata service that answers after 1.5 s, within telemetry.output.metadata-wait (2 s here): the
		// writer's first event waits for it, the queue fills, and application threads wait, as block promises
		ResourceProvider slowMetadata = new ResourceProvider() {

			@Override
			public String name() {
				return "slow-metadata";
			}

			@Override
			public boolean isRemote() {
				return true;
			}

			@Override
			public void contribute(ResourceBuilder builder) {
				LockSupport.parkNanos(Duration.ofMillis(1500).toNanos());
				builder.cloud().put("provider", "aws");
				builder.cloud().put("metadata_source", "imds");
			}

		};
		ResourceResolver resolver = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
				new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()),
				List.of(slowMetadata), Duration.ofSeconds(2).toNanos())
			.start();
		Path file = this.tempDir.resolve("events.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file),
				new EventEncoder(resolver, false, 1000), 32, OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.stallTimeout(300)
			.start();
		try (writer) {
			for (int i = 0; i < 500; i++) {
				writer.accept(event("at start-up " + i));
			}
		}
		WriterStats stats = writer.stats();
		assertThat(stats.losses().total()).isZero();
		List<JsonNode> lines = TelemetrySchema.readValidated(file);
		assertThat(lines).hasSize(500);
		assertThat(lines.get(0).get("cloud").get("provider").asString()).isEqualTo("aws");
	}

	private static void awaitNotStalled(AsyncEventWriter writer) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (writer.stats().stalled() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(writer.stats().stalled()).as("the writer takes events again").isFalse();
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(Files.exists(Path.of(command[command.length - 1]))).isTrue();
	}

}
