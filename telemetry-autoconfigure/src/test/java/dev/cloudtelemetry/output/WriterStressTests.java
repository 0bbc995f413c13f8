package dev.cloudtelemetry.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 application threads make 1,000,000 traced calls each through {@link MethodTracer} (a
 * {@code function_entry} and a {@code function_exit} event per call: 32 million events) into the real
 * writer, which encodes every event. The lines go to {@link SequenceCheckingExporter}, an exporter of the
 * public SPI that reads each line's {@code sequence} and type instead of storing them: 32 million lines
 * are about 20 GB, more than a CI disk should take. One line in {@value #VALIDATE_EVERY} and every
 * {@code telemetry_dropped} line are validated against the schema. Run time, measured in the full suite on
 * the 2-core build machine at a load average of 22: 67 s with {@code block} (the writer encodes all 32
 * million events), 13 s with {@code drop}.
 */
class WriterStressTests {

	private static final int THREADS = 16;

	private static final int CALLS_PER_THREAD = 1_000_000;

	private static final long EVENTS = 2L * THREADS * CALLS_PER_THREAD;

	private static final int VALIDATE_EVERY = 100_000;

	private static final MethodInfo INFO = new MethodInfo("OrderService.place", "com.example.OrderService", "place",
			"sku, quantity", Severity.INFO, ReturnKind.SYNCHRONOUS);

	@Test
	void withBlockEveryEventIsWrittenAndTheSequenceHasNoGap() throws Exception {
		SequenceCheckingExporter exporter = new SequenceCheckingExporter();
		WriterStats stats = run(exporter, OverflowPolicy.BLOCK);
		assertThat(exporter.problem).as("sequence and line checks").isNull();
		assertThat(stats.emitted()).isEqualTo(EVENTS);
		assertThat(stats.dropped()).isZero();
		assertThat(stats.failed()).isZero();
		assertThat(stats.written()).isEqualTo(EVENTS);
		assertThat(exporter.lines).isEqualTo(EVENTS);
		assertThat(exporter.functionEvents).isEqualTo(EVENTS);
		assertThat(exporter.lastSequence).isEqualTo(EVENTS);
	}

	@Test
	void withDropEveryEventIsWrittenOrCounted() throws Exception {
		SequenceCheckingExporter exporter = new SequenceCheckingExporter();
		WriterStats stats = run(exporter, OverflowPolicy.DROP);
		assertThat(exporter.problem).as("sequence and line checks").isNull();
		assertThat(stats.dropped()).as("the writer cannot keep up with 16 threads: some are dropped").isPositive();
		assertThat(exporter.functionEvents + stats.dropped()).isEqualTo(EVENTS);
		// the writer's own telemetry_dropped reports are emitted too, and written
		assertThat(stats.emitted()).isEqualTo(EVENTS + exporter.dropReports.size());
		assertThat(stats.written()).isEqualTo(exporter.lines);
		assertThat(exporter.lastSequence).isEqualTo(exporter.lines);
		assertThat(exporter.dropReports.stream()
			.mapToLong((line) -> line.get("attributes").get("telemetry.dropped.queue_full").asLong())
			.sum()).as("drops reported in telemetry_dropped lines").isEqualTo(stats.losses().queueFull());
		assertThat(stats.written() + stats.dropped() + stats.failed()).isEqualTo(stats.emitted());
	}

	private static WriterStats run(SequenceCheckingExporter exporter, OverflowPolicy overflow) throws Exception {
		AsyncEventWriter writer = new AsyncEventWriter(exporter, TestEvents.encoder(), 8192, overflow,
				TestEvents.CLOCK)
			.start();
		MethodTracer tracer = new MethodTracer(writer, new SpanFactory(TestEvents.CLOCK), Severity.INFO, 0, false,
				"app.jar");
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < CALLS_PER_THREAD; i++) {
					Span span = tracer.enter(INFO, null);
					tracer.exit(span, null);
				}
			}, "stress-" + t);
			threads.add(thread);
			thread.start();
		}
		long started = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		writer.close(120_000);
		WriterStats stats = writer.stats();
		System.out.printf("%s: %,d events emitted, %,d written, %,d dropped in %.1f s%n", overflow, stats.emitted(),
				stats.written(), stats.dropped(), (System.nanoTime() - started) / 1e9);
		assertThat(stats.running()).as("writer finished").isFalse();
		assertThat(stats.pending()).as("pending after close").isZero();
		return stats;
	}

	/**
	 * Reads each line's {@code sequence} (it must be one more than the last) and {@code event_type}, keeps
	 * nothing but counts, a sample of lines for schema validation and the {@code telemetry_dropped} lines.
	 */
	static final class SequenceCheckingExporter implements EventExporter {

		private static final byte[] SEQUENCE = ",\"sequence\":".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] FUNCTION = ",\"event_type\":\"function_".getBytes(StandardCharsets.US_ASCII);

		long lines;

		long functionEvents;

		long lastSequence;

		final List<JsonNode> dropReports = new ArrayList<>();

		String problem;

		@Override
		public void export(byte[] bytes, int offset, int length) {
			int end = offset + length;
			int start = offset;
			while (start < end) {
				int newline = start;
				while (bytes[newline] != '\n') {
					newline++;
				}
				line(bytes, start, newline + 1);
				start = newline + 1;
			}
		}

		private void line(byte[] bytes, int start, int end) {
			this.lines++;
			int at = indexOf(bytes, start, end, SEQUENCE);
			long sequence = 0;
			int i = at + SEQUENCE.length;
			while (at >= 0 && bytes[i] >= '0' && bytes[i] <= '9') {
				sequence = sequence * 10 + (bytes[i++] - '0');
			}
			if (at < 0 || sequence != this.lastSequence + 1) {
				fail("line " + this.lines + ": sequence " + sequence + " after " + this.lastSequence);
			}
			this.lastSequence = sequence;
			if (startsWith(bytes, i, FUNCTION)) {
				this.functionEvents++;
				if (this.lines % VALIDATE_EVERY == 1) {
					TelemetrySchema.validate(new String(bytes, start, end - start - 1, StandardCharsets.UTF_8));
				}
			}
			else {
				JsonNode line = TelemetrySchema.validate(new String(bytes, start, end - start - 1, StandardCharsets.UTF_8));
				if (line.get("event_type").asString().equals("telemetry_dropped")) {
					this.dropReports.add(line);
				}
				else {
					fail("line " + this.lines + " is neither a function event nor telemetry_dropped");
				}
			}
		}

		private void fail(String problem) {
			if (this.problem == null) {
				this.problem = problem;
			}
		}

		private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
			for (int i = from; i + needle.length <= to; i++) {
				if (startsWith(bytes, i, needle)) {
					return i;
				}
			}
			return -1;
		}

		private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
			if (at + prefix.length > bytes.length) {
				return false;
			}
			for (int i = 0; i < prefix.length; i++) {
				if (bytes[at + i] != prefix[i]) {
					return false;
				}
			}
			return true;
		}

		@Override
		public void close() {
		}

		@Override
		public String describe() {
			return "sequence check";
		}

	}

}
