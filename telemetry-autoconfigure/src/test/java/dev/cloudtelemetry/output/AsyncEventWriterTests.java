package dev.cloudtelemetry.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncEventWriterTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private final NanoClock clock = NanoClock.system();

	private final SpanFactory spans = new SpanFactory(this.clock);

	@TempDir
	Path tempDir;

	private AsyncEventWriter writer(EventExporter target, int capacity, OverflowPolicy overflow) {
		return new AsyncEventWriter(target, new EventEncoder(() -> RESOURCE, false, 1000), capacity, overflow, this.clock)
			.start();
	}

	private TelemetryEvent event(String message) {
		return GenericEvent.builder("test_event", this.clock.epochNanos())
			.span(this.spans.start(null, "test", "func", null))
			.message(message)
			.build();
	}

	/** An exporter that keeps the batches in memory and runs {@code beforeEachBatch} before taking one. */
	private static EventExporter inMemory(ByteArrayOutputStream bytes, Runnable beforeEachBatch) {
		return new EventExporter() {
			@Override
			public void export(byte[] data, int offset, int length) {
				beforeEachBatch.run();
				bytes.write(data, offset, length);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

			@Override
			public String describe() {
				return "memory";
			}
		};
	}

	@Test
	void writesEveryEventAsOneValidLineNumberedFromOne() {
		Path file = this.tempDir.resolve("nested/dir/out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file), 16, OverflowPolicy.BLOCK);
		for (int i = 0; i < 1000; i++) {
			writer.accept(event("event " + i));
		}
		writer.close();
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		assertThat(events).extracting((e) -> e.get("sequence").asLong())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		assertThat(events).extracting((e) -> e.get("message").asString()).startsWith("event 0", "event 1");
		assertThat(writer.stats().written()).isEqualTo(1000);
		assertThat(writer.stats().dropped()).isZero();
	}

	@Test
	void theBufferShrinksBackAfterALargeEventWhileSmallOnesKeepComing() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		AtomicInteger largestBuffer = new AtomicInteger();
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file),
				new EventEncoder(() -> RESOURCE, false, Limits.none(1000), Redactors.NONE), 16, OverflowPolicy.BLOCK,
				this.clock)
			.listener((span, sequence, lines, offset, length) -> largestBuffer.accumulateAndGet(lines.length, Math::max))
			.start();
		int normal = writer.bufferCapacity();
		String large = "x".repeat(3 * 1024 * 1024);
		writer.accept(event(large));
		// steady traffic, an event every 20 ms: the writer is never idle for long
		for (int i = 0; i < 20; i++) {
			writer.accept(event("small " + i));
			Thread.sleep(20);
		}
		assertThat(largestBuffer.get()).as("the large event grew the buffer").isGreaterThan(3 * 1024 * 1024);
		assertThat(writer.bufferCapacity()).isEqualTo(normal);
		writer.close();
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		assertThat(events).hasSize(21);
		assertThat(events.get(0).get("message").asString()).isEqualTo(large);
	}

	@Test
	void dropPolicyNeverBlocksAndCountsAndReportsEveryDrop() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		EventExporter slow = inMemory(bytes, () -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		AsyncEventWriter writer = writer(slow, 4, OverflowPolicy.DROP);
		// the writer takes in up to a batch (256 KiB) before its first write, which waits for the release: offer
		// until the queue is full and a drop is counted, however fast the writer drains before that write
		int offered = 0;
		while (writer.stats().dropped() == 0 && offered < 100_000) {
			writer.accept(event("e" + offered++));
		}
		assertThat(writer.stats().dropped()).isGreaterThan(0);
		for (int i = 0; i < 50; i++) {
			writer.accept(event("e" + offered++));
		}
		release.countDown();
		writer.close();
		List<JsonNode> events = TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8));
		List<JsonNode> reports = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("telemetry_dropped"))
			.toList();
		assertThat(reports).isNotEmpty();
		assertThat(reports).allSatisfy((e) -> assertThat(e.get("severity").asString()).isEqualTo("WARN"));
		long reported = reports.stream().mapToLong((e) -> e.get("attributes").get("telemetry.dropped.count").asLong()).sum();
		assertThat(reported).isEqualTo(writer.stats().dropped());
		assertThat(events.size() - reports.size() + writer.stats().dropped()).isEqualTo(offered);
		assertThat(events).extracting((e) -> e.get("sequence").asLong())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
	}

	@Test
	void anUnwritablePathIsReportedAndTheApplicationCarriesOn() throws Exception {
		Path notADirectory = Files.writeString(this.tempDir.resolve("plain-file"), "x");
		Path file = notADirectory.resolve("telemetry.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file), 16, OverflowPolicy.BLOCK);
		for (int i = 0; i < 100; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		WriterStats stats = writer.stats();
		assertThat(stats.written()).isZero();
		assertThat(stats.failed()).isEqualTo(100);
		assertThat(stats.lastError()).contains(file.toString());
		assertThat(stats.running()).isFalse();
	}

	@Test
	void closeWritesEverythingQueuedAndLaterEventsAreStillWritten() {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file), 8192, OverflowPolicy.BLOCK);
		for (int i = 0; i < 5000; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		writer.accept(event("after close"));
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		assertThat(events).hasSize(5001);
		assertThat(events.get(5000).get("message").asString()).isEqualTo("after close");
		assertThat(events.get(5000).get("sequence").asLong()).isEqualTo(5001);
	}

	@Test
	void underSteadyTrafficTheWriterWritesABatchPerLingerNotPerFewEvents() {
		AtomicInteger batches = new AtomicInteger();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AsyncEventWriter writer = writer(inMemory(bytes, batches::incrementAndGet), 8192, OverflowPolicy.BLOCK);
		long start = System.nanoTime();
		// an event every 0.2 ms or more, as the threads of a busy application emit them
		for (int i = 0; i < 300; i++) {
			writer.accept(event("e" + i));
			LockSupport.parkNanos(200_000);
		}
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		int batchesWhileRunning = batches.get();
		writer.close();
		// one batch for the first event, which wakes the sleeping writer, then one per linger at most; a linger
		// in which no event came (this thread descheduled on a loaded machine) ends in an idle sleep that the
		// next event cuts short, so allow twice that (the writer woken per event wrote 281 batches)
		long lingerMillis = TimeUnit.NANOSECONDS.toMillis(AsyncEventWriter.LINGER_NANOS);
		assertThat(batchesWhileRunning).isLessThanOrEqualTo((int) (elapsedMillis / lingerMillis) * 2 + 10);
		assertThat(TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8))).extracting((e) -> e.get("sequence").asLong())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
	}

	@Test
	void aLingeringWriterIsWokenOnceAQuarterOfTheQueueWaits() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		// a linger of a minute: only the early wake-up can make the writer take the events within the test
		AsyncEventWriter writer = new AsyncEventWriter(inMemory(bytes, () -> {
		}), new EventEncoder(() -> RESOURCE, false, 1000), 64, OverflowPolicy.BLOCK, this.clock)
			.lingerNanos(TimeUnit.MINUTES.toNanos(1))
			.start();
		try {
			// an event that wakes a writer sleeping for want of events makes it linger after its batch
			awaitUntil(writer::sleepsForWantOfEvents);
			writer.accept(event("wakes the idle writer"));
			awaitUntil(() -> writer.stats().written() == 1 && writer.lingering());
			for (int i = 0; i < 15; i++) {
				writer.accept(event("waits " + i));
			}
			Thread.sleep(300);
			assertThat(writer.stats().written()).as("15 events, less than a quarter of 64: still lingering").isEqualTo(1);
			assertThat(writer.lingering()).isTrue();
			writer.accept(event("the sixteenth"));
			awaitUntil(() -> writer.stats().written() == 17);
		}
		finally {
			writer.close();
		}
		assertThat(TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8))).hasSize(17);
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("within 20 s (the linger is a minute)").isLessThan(deadline);
			Thread.sleep(1);
		}
	}

	@Test
	void concurrentProducersNeverInterleaveLines() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file), 64, OverflowPolicy.BLOCK);
		String longMessage = "x".repeat(100_000);
		Thread[] threads = new Thread[8];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 50; i++) {
					writer.accept(event(longMessage));
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		writer.close();
		assertThat(TelemetrySchema.readValidated(file)).hasSize(400)
			.allSatisfy((e) -> assertThat(e.get("message").asString()).hasSize(100_000));
	}

}
