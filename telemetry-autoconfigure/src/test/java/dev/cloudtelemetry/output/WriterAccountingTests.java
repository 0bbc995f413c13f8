package dev.cloudtelemetry.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.test.CauseCycles;
import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.TestEvents.event;
import static dev.cloudtelemetry.output.TestEvents.failing;
import static dev.cloudtelemetry.output.TestEvents.sequences;
import static dev.cloudtelemetry.output.TestEvents.testEvents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event offered is written or counted exactly once, whatever fails: encoding, an exporter, the
 * queue, shutdown.
 */
class WriterAccountingTests {

	private static final int PER_THREAD = 10_000;

	@TempDir
	Path tempDir;

	private WriterStats sixteenThreadsStats;

	private static void assertBalanced(WriterStats stats) {
		assertThat(stats.pending()).as("pending after close").isZero();
		assertThat(stats.written() + stats.dropped() + stats.failed()).as("written + dropped + failed")
			.isEqualTo(stats.emitted());
	}

	@Test
	void anErrorThrownByAnExceptionsGetMessageCostsThatEventOnly() {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 4096,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		for (int i = 0; i < 100; i++) {
			writer.accept(event("e" + i));
			if (i == 50) {
				writer.accept(failing("poisoned", new MessageOverflow()));
			}
		}
		writer.close();
		List<JsonNode> lines = TelemetrySchema.readValidated(file);
		assertThat(testEvents(lines)).extracting((e) -> e.get("message").asString())
			.containsExactlyElementsOf(LongStream.range(0, 100).mapToObj((i) -> "e" + i).toList());
		assertThat(sequences(lines)).containsExactlyElementsOf(LongStream.rangeClosed(1, lines.size()).boxed().toList());
		WriterStats stats = writer.stats();
		assertThat(stats.losses().encoding()).isEqualTo(1);
		assertThat(lines).filteredOn((e) -> e.get("event_type").asString().equals("telemetry_dropped"))
			.singleElement()
			.satisfies((e) -> assertThat(e.get("attributes").get("telemetry.dropped.encoding").asLong()).isEqualTo(1));
		assertThat(stats.written()).isEqualTo(lines.size());
		assertBalanced(stats);
	}

	@Test
	void aCauseCycleOfThreeInAReportedErrorDoesNotStopTheWriter() {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file),
				TestEvents.encoder(new UrlRedactor(new UrlSanitizer(List.of("token")))), 64, OverflowPolicy.BLOCK,
				TestEvents.CLOCK)
			.start();
		writer.accept(failing("cycle", CauseCycles.ofThree("C")));
		writer.accept(event("after"));
		writer.close(5_000);
		assertThat(writer.stats().running()).as("writer finished").isFalse();
		List<JsonNode> lines = TelemetrySchema.readValidated(file);
		assertThat(lines).extracting((e) -> e.get("message").asString()).containsExactly("cycle", "after");
		assertThat(lines.get(0).get("error").get("message").asString()).isEqualTo("A");
	}

	@Test
	void eventsEmittedByTheWriterThreadItselfNeverBlockIt() throws InterruptedException {
		AtomicLong offeredByWriter = new AtomicLong();
		CountDownLatch exported = new CountDownLatch(1);
		AsyncEventWriter[] holder = new AsyncEventWriter[1];
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		EventExporter reentrant = new RecordingExporter(bytes) {
			@Override
			public void export(byte[] lines, int offset, int length) throws IOException {
				// as a toString() that calls a traced bean would, on the writer thread: nobody drains the
				// queue of 4 while the writer is in here, so these offers meet a full queue
				for (int i = 0; i < 20; i++) {
					holder[0].offer(event("from the writer thread"));
					offeredByWriter.incrementAndGet();
				}
				super.export(lines, offset, length);
				exported.countDown();
			}
		};
		AsyncEventWriter writer = new AsyncEventWriter(reentrant, TestEvents.encoder(), 4, OverflowPolicy.BLOCK,
				TestEvents.CLOCK);
		holder[0] = writer;
		writer.start();
		// the exporter is called while the writer runs (not only by its final flush at shutdown, where offers
		// count as shutdown losses): one event, and the writer delivers it once its queue is empty
		writer.accept(event("first"));
		assertThat(exported.await(10, TimeUnit.SECONDS)).as("first batch exported").isTrue();
		for (int i = 0; i < 50; i++) {
			writer.accept(event("e" + i));
		}
		writer.close(10_000);
		WriterStats stats = writer.stats();
		assertThat(stats.running()).as("writer finished within the timeout").isFalse();
		assertThat(stats.losses().queueFull()).isPositive();
		assertThat(testEvents(TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8))))
			.filteredOn((e) -> e.get("message").asString().startsWith("e"))
			.hasSize(50);
		assertBalanced(stats);
	}

	/**
	 * Kills the writer thread for real, portably: a line listener throws, and the logging backend that
	 * receives the writer's warning about it throws too (a JUL handler may: {@code Logger.log} does not
	 * catch what handlers throw). The exception leaves the writer's loop; the successor must take over
	 * where the dead thread stopped, nothing lost or written twice, and the death must be logged, even
	 * though the backend fails on that record too.
	 */
	@Test
	void aWriterThreadThatDiesIsReplacedWithNothingLostOrDuplicatedAndTheDeathIsReported() throws Exception {
		Logger julLogger = Logger.getLogger(AsyncEventWriter.class.getName());
		List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
		Set<String> failedOn = ConcurrentHashMap.newKeySet();
		Handler failingOnce = new Handler() {
			@Override
			public void publish(LogRecord record) {
				records.add(record);
				String kind = record.getMessage().contains("listener") ? "listener warning"
						: record.getMessage().startsWith("The telemetry writer thread died") ? "death" : "other";
				if (!kind.equals("other") && failedOn.add(kind)) {
					throw new IllegalStateException("logging backend failed");
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		julLogger.addHandler(failingOnce);
		try {
			Path file = this.tempDir.resolve("out.jsonl");
			Set<Thread> writerThreads = ConcurrentHashMap.newKeySet();
			AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024,
					OverflowPolicy.BLOCK, TestEvents.CLOCK)
				.listener((span, sequence, line, offset, length) -> {
					writerThreads.add(Thread.currentThread());
					if (sequence == 50) {
						throw new IllegalArgumentException("listener failed");
					}
				})
				.start();
			for (int i = 0; i < 100; i++) {
				writer.accept(event("e" + i));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (writer.stats().written() < 100 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(writer.stats().running()).as("a writer thread runs after the death").isTrue();
			for (int i = 100; i < 200; i++) {
				writer.accept(event("e" + i));
			}
			writer.close();
			assertThat(failedOn).as("the backend failed on both records").containsOnly("listener warning", "death");
			assertThat(writerThreads).as("the dead thread and its successor").hasSize(2);
			assertThat(records).extracting(LogRecord::getMessage)
				.anySatisfy((message) -> assertThat(message).startsWith("The telemetry writer thread died")
					.contains("IllegalStateException: logging backend failed")
					.contains("a new one takes over"));
			List<JsonNode> lines = TelemetrySchema.readValidated(file);
			assertThat(lines).extracting((e) -> e.get("message").asString())
				.containsExactlyElementsOf(LongStream.range(0, 200).mapToObj((i) -> "e" + i).toList());
			assertThat(sequences(lines)).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
			WriterStats stats = writer.stats();
			assertThat(stats.written()).isEqualTo(200);
			assertThat(stats.losses().total()).isZero();
			assertBalanced(stats);
		}
		finally {
			julLogger.removeHandler(failingOnce);
		}
	}

	@Test
	void everyOfferThatReturnedTrueIsWrittenWhileShutdownRacesWithProducers() throws Exception {
		for (int round = 0; round < 10; round++) {
			Path file = this.tempDir.resolve("race-" + round + ".jsonl");
			AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 16,
					OverflowPolicy.BLOCK, TestEvents.CLOCK)
				.start();
			AtomicInteger accepted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> producers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread producer = new Thread(() -> {
					int afterStop = 0;
					while (afterStop < 20) {
						if (stop.get()) {
							afterStop++;
						}
						(writer.offer(event("race")) ? accepted : refused).incrementAndGet();
					}
				});
				producers.add(producer);
				producer.start();
			}
			Thread.sleep(20);
			writer.close(10_000);
			stop.set(true);
			for (Thread producer : producers) {
				producer.join();
			}
			WriterStats stats = writer.stats();
			List<JsonNode> lines = TelemetrySchema.readValidated(file);
			assertThat(testEvents(lines)).as("round %d", round).hasSize(accepted.get());
			assertThat(stats.dropped()).isEqualTo(refused.get());
			assertThat(stats.emitted()).isEqualTo(accepted.get() + refused.get() + lines.size() - testEvents(lines).size());
			assertBalanced(stats);
		}
	}

	@Test
	void sixteenThreadsWithBlockWriteEveryEventWithoutAGap() throws Exception {
		List<JsonNode> lines = sixteenThreads(OverflowPolicy.BLOCK, 1024);
		assertThat(lines).hasSize(16 * PER_THREAD);
		WriterStats stats = this.sixteenThreadsStats;
		assertThat(stats.emitted()).isEqualTo(16L * PER_THREAD);
		assertThat(stats.written()).isEqualTo(16L * PER_THREAD);
	}

	@Test
	void sixteenThreadsWithDropWriteOrCountEveryEvent() throws Exception {
		List<JsonNode> lines = sixteenThreads(OverflowPolicy.DROP, 256);
		WriterStats stats = this.sixteenThreadsStats;
		assertThat(stats.dropped()).isPositive();
		assertThat(testEvents(lines).size() + stats.dropped()).isEqualTo(16L * PER_THREAD);
		long reported = lines.stream()
			.filter((e) -> e.get("event_type").asString().equals("telemetry_dropped"))
			.mapToLong((e) -> e.get("attributes").get("telemetry.dropped.queue_full").asLong())
			.sum();
		assertThat(reported).isEqualTo(stats.losses().queueFull());
	}

	/** 16 threads emit {@link #PER_THREAD} events each; the lines must be numbered without a gap. */
	private List<JsonNode> sixteenThreads(OverflowPolicy overflow, int capacity) throws InterruptedException {
		Path file = this.tempDir.resolve("threads.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), capacity,
				overflow, TestEvents.CLOCK)
			.start();
		runThreads(16, PER_THREAD, writer);
		writer.close(60_000);
		List<JsonNode> lines = TestEvents.readSampled(file, 100);
		assertThat(sequences(lines)).containsExactlyElementsOf(LongStream.rangeClosed(1, lines.size()).boxed().toList());
		this.sixteenThreadsStats = writer.stats();
		assertBalanced(this.sixteenThreadsStats);
		return lines;
	}

	private static void runThreads(int threads, int perThread, AsyncEventWriter writer) throws InterruptedException {
		List<Thread> started = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int id = t;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < perThread; i++) {
					writer.offer(event("t" + id + "-" + i));
				}
			});
			started.add(thread);
			thread.start();
		}
		for (Thread thread : started) {
			thread.join();
		}
	}

	@Test
	void aFailingExporterGetsItsBatchesBackWithNothingDuplicated() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AtomicLong failingUntil = new AtomicLong();
		EventExporter flaky = new RecordingExporter(bytes) {
			@Override
			public void export(byte[] lines, int offset, int length) throws IOException {
				// an outage of half a second from the first batch on
				failingUntil.compareAndSet(0, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
				if (System.nanoTime() < failingUntil.get()) {
					throw new IOException("No space left on device");
				}
				super.export(lines, offset, length);
			}
		};
		AsyncEventWriter writer = new AsyncEventWriter(flaky, TestEvents.encoder(), 64, OverflowPolicy.BLOCK,
				TestEvents.CLOCK)
			.start();
		for (int i = 0; i < 1000; i++) {
			writer.accept(event("e" + i));
		}
		Thread.sleep(1500);
		writer.close();
		List<JsonNode> lines = TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8));
		assertThat(lines).hasSize(1000);
		assertThat(sequences(lines)).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		WriterStats stats = writer.stats();
		assertThat(stats.written()).isEqualTo(1000);
		assertThat(stats.failed()).isZero();
		assertBalanced(stats);
	}

	@Test
	void beyondTheRetryBufferTheOldestEventsAreCountedOnceAndTheRestWritten() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CountDownLatch diskFreed = new CountDownLatch(1);
		EventExporter full = new RecordingExporter(bytes) {
			@Override
			public void export(byte[] lines, int offset, int length) throws IOException {
				if (diskFreed.getCount() > 0) {
					throw new IOException("No space left on device");
				}
				super.export(lines, offset, length);
			}
		};
		AsyncEventWriter writer = new AsyncEventWriter(full, TestEvents.encoder(), 64, OverflowPolicy.BLOCK,
				TestEvents.CLOCK)
			.retryBuffer(20 * 1024)
			.start();
		for (int i = 0; i < 500; i++) {
			writer.accept(event("e" + i));
		}
		Thread.sleep(300);
		diskFreed.countDown();
		for (int i = 500; i < 510; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		List<JsonNode> lines = TelemetrySchema.validateLines(bytes.toString(StandardCharsets.UTF_8));
		List<Long> sequences = sequences(lines);
		assertThat(new HashSet<>(sequences)).as("no duplicates").hasSize(sequences.size());
		assertThat(sequences).isSorted();
		WriterStats stats = writer.stats();
		assertThat(stats.losses().io()).isPositive();
		assertThat(stats.written()).isEqualTo(lines.size());
		assertThat(testEvents(lines)).extracting((e) -> e.get("message").asString()).endsWith("e509");
		assertBalanced(stats);
	}

	@Test
	void standardOutputRecoversAfterOneError() {
		ByteArrayOutputStream direct = new ByteArrayOutputStream();
		AtomicBoolean failNext = new AtomicBoolean(true);
		OutputStream broken = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				if (failNext.getAndSet(false)) {
					throw new IOException("Broken pipe");
				}
			}
		};
		AsyncEventWriter writer = new AsyncEventWriter(new StdoutExporter(new PrintStream(broken), direct),
				TestEvents.encoder(), 64, OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		for (int i = 0; i < 200; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		WriterStats stats = writer.stats();
		assertThat(stats.failed()).isZero();
		assertThat(stats.written()).isEqualTo(200);
		assertThat(TelemetrySchema.validateLines(direct.toString(StandardCharsets.UTF_8))).hasSize(200);
		assertBalanced(stats);
	}

	@Test
	void everyExporterReceivesTheSameLines() {
		Path file = this.tempDir.resolve("out.jsonl");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AsyncEventWriter writer = new AsyncEventWriter(List.of(new FileExporter(file), new RecordingExporter(bytes)),
				TestEvents.encoder(), 64, OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		for (int i = 0; i < 300; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		assertThat(TelemetrySchema.readValidated(file)).hasSize(300);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(contentOf(file));
		assertThat(writer.stats().exporters()).extracting(WriterStats.ExporterStats::written).containsExactly(300L, 300L);
	}

	private static String contentOf(Path file) {
		try {
			return java.nio.file.Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** An exception whose message cannot be read: the writer must not choke on it. */
	static final class MessageOverflow extends RuntimeException {

		@Override
		public String getMessage() {
			throw new StackOverflowError("from getMessage()");
		}

	}

	/** Keeps what it is given, in memory. */
	static class RecordingExporter implements EventExporter {

		private final ByteArrayOutputStream bytes;

		RecordingExporter(ByteArrayOutputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public void export(byte[] lines, int offset, int length) throws IOException {
			synchronized (this.bytes) {
				this.bytes.write(lines, offset, length);
			}
		}

		@Override
		public void close() {
		}

		@Override
		public String describe() {
			return "memory";
		}

	}

}
