package dev.cloudtelemetry.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.output.WriterAccountingTests.MessageOverflow;
import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.TestEvents.event;
import static dev.cloudtelemetry.output.TestEvents.failing;
import static dev.cloudtelemetry.output.TestEvents.sequences;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers numbering from one counter, as every writer of a process does when the starter configures it:
 * the {@code sequence} is per process, whatever the number of application contexts.
 */
class SharedSequenceTests {

	@TempDir
	Path tempDir;

	private AsyncEventWriter writer(Path file, AtomicLong sequence) {
		return new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024, OverflowPolicy.BLOCK,
				TestEvents.CLOCK)
			.sequence(sequence)
			.start();
	}

	private static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

	@Test
	void aWriterStartedAfterAnotherClosedFollowsOnFromItsLastNumber() {
		// what Spring Boot DevTools' restart does: one context closed, the next started in the same JVM
		AtomicLong sequence = new AtomicLong();
		Path before = this.tempDir.resolve("before.jsonl");
		Path after = this.tempDir.resolve("after.jsonl");
		try (AsyncEventWriter first = writer(before, sequence)) {
			for (int i = 0; i < 100; i++) {
				first.accept(event("before " + i));
			}
		}
		try (AsyncEventWriter second = writer(after, sequence)) {
			for (int i = 0; i < 100; i++) {
				second.accept(event("after " + i));
			}
		}
		assertThat(sequences(TelemetrySchema.readValidated(before))).containsExactlyElementsOf(range(1, 100));
		assertThat(sequences(TelemetrySchema.readValidated(after))).containsExactlyElementsOf(range(101, 200));
	}

	@Test
	void writersRunningAtOnceNeverGiveTheSameNumberAndEachFileAscends() {
		AtomicLong sequence = new AtomicLong();
		Path one = this.tempDir.resolve("one.jsonl");
		Path two = this.tempDir.resolve("two.jsonl");
		try (AsyncEventWriter first = writer(one, sequence); AsyncEventWriter second = writer(two, sequence)) {
			CompletableFuture.allOf(CompletableFuture.runAsync(() -> emit(first, 5000)),
					CompletableFuture.runAsync(() -> emit(second, 5000)))
				.join();
		}
		List<Long> inOne = sequences(TelemetrySchema.readValidated(one));
		List<Long> inTwo = sequences(TelemetrySchema.readValidated(two));
		assertThat(inOne).hasSize(5000).isSorted();
		assertThat(inTwo).hasSize(5000).isSorted();
		List<Long> all = new ArrayList<>(inOne);
		all.addAll(inTwo);
		assertThat(all).containsExactlyInAnyOrderElementsOf(range(1, 10_000));
	}

	@Test
	void aLineThatCannotBeEncodedGivesItsNumberBackSoAWriterAloneLeavesNoGap() {
		AtomicLong sequence = new AtomicLong(41);
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(file, sequence);
		for (int i = 0; i < 30; i++) {
			writer.accept((i % 10 == 5) ? failing("poisoned", new MessageOverflow()) : event("e" + i));
		}
		writer.close();
		assertThat(writer.stats().failed()).isEqualTo(3);
		List<JsonNode> lines = TelemetrySchema.readValidated(file);
		assertThat(TestEvents.testEvents(lines)).hasSize(27);
		// the 27 lines and the writer's own report of the 3 lost, numbered without a gap
		assertThat(sequences(lines)).containsExactlyElementsOf(range(42, 41 + lines.size()));
		assertThat(sequence.get()).isEqualTo(41 + lines.size());
	}

	private static void emit(AsyncEventWriter writer, int count) {
		for (int i = 0; i < count; i++) {
			writer.accept(event("e" + i));
		}
	}

}
