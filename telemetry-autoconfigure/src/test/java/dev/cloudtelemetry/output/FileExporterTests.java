package dev.cloudtelemetry.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.TestEvents.event;
import static dev.cloudtelemetry.output.TestEvents.files;
import static dev.cloudtelemetry.output.TestEvents.sequences;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file output on a real file system: torn lines, files replaced under the writer, rotation, retention,
 * a full disk.
 */
class FileExporterTests {

	@TempDir
	Path tempDir;

	private AsyncEventWriter writer(EventExporter exporter) {
		return new AsyncEventWriter(exporter, TestEvents.encoder(), 1024, OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
	}

	private static List<Long> oneTo(long last) {
		return LongStream.rangeClosed(1, last).boxed().toList();
	}

	@Test
	void aTornLastLineStaysAloneOnItsLine() throws IOException {
		Path file = this.tempDir.resolve("out.jsonl");
		Files.writeString(file, "{\"schema\":{\"format\":\"telem");
		AsyncEventWriter writer = writer(new FileExporter(file));
		for (int i = 0; i < 10; i++) {
			writer.accept(event("e" + i));
		}
		writer.close();
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(11);
		assertThat(lines.get(0)).isEqualTo("{\"schema\":{\"format\":\"telem");
		assertThat(lines.subList(1, 11)).allSatisfy(TelemetrySchema::validate);
	}

	@Test
	void aDeletedFileIsNoticedAndANewOneWrittenWithinASecond() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file));
		Flow flow = Flow.start(writer);
		waitForLines(file, 10);
		// keep the unlinked file readable to see what reached it
		try (FileChannel unlinked = FileChannel.open(file, StandardOpenOption.READ)) {
			Files.delete(file);
			long deletedAt = System.currentTimeMillis();
			Thread.sleep(1500);
			flow.stop();
			writer.close();
			List<JsonNode> old = TelemetrySchema.validateLines(read(unlinked));
			List<JsonNode> fresh = TelemetrySchema.readValidated(file);
			assertThat(old).isNotEmpty();
			assertThat(fresh).isNotEmpty();
			long lastOld = old.get(old.size() - 1).get("timestamp_ns").asLong() / 1_000_000;
			assertThat(lastOld).as("nothing written to the unlinked file after about a second")
				.isLessThan(deletedAt + 1300);
			List<Long> all = new ArrayList<>(sequences(old));
			all.addAll(sequences(fresh));
			assertThat(all).containsExactlyElementsOf(oneTo(flow.emitted()));
		}
	}

	@Test
	void aFileRenamedAwayAndRecreatedLikeLogrotateCreateLosesNothing() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file));
		Flow flow = Flow.start(writer);
		waitForLines(file, 10);
		Path rotated = this.tempDir.resolve("out.jsonl.1");
		Files.move(file, rotated);
		Files.createFile(file);
		Thread.sleep(1500);
		flow.stop();
		writer.close();
		List<JsonNode> events = TestEvents.readAll(List.of(rotated, file));
		assertThat(TelemetrySchema.readValidated(file)).isNotEmpty();
		assertThat(sequences(events)).containsExactlyElementsOf(oneTo(flow.emitted()));
	}

	@Test
	void copyTruncateKeepsEveryLineWhole() throws Exception {
		Path file = this.tempDir.resolve("out.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file));
		Flow flow = Flow.start(writer);
		waitForLines(file, 10);
		Path copy = this.tempDir.resolve("out.jsonl.1");
		Files.copy(file, copy);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(0);
		}
		Thread.sleep(500);
		flow.stop();
		writer.close();
		List<JsonNode> after = TelemetrySchema.readValidated(file);
		assertThat(after).isNotEmpty();
		assertThat(sequences(after)).isSorted().last().isEqualTo(flow.emitted());
		assertThat(TelemetrySchema.readValidated(copy)).isNotEmpty();
	}

	@Test
	void rotationBySizeKeepsTheSequenceAcrossFilesAndTheConfiguredName() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file, new Rotation(20_000, 1000, Long.MAX_VALUE, null,
				false), false));
		emitInWrittenGroups(writer, 600);
		writer.close();
		List<Path> files = files(this.tempDir);
		assertThat(files).hasSizeGreaterThan(5).last().isEqualTo(file);
		assertThat(files.subList(0, files.size() - 1)).allSatisfy((rotated) -> assertThat(
				rotated.getFileName().toString()).matches("telemetry-\\d{8}-\\d{6}-\\d{3}\\.jsonl"));
		assertThat(sequences(TestEvents.readAll(files))).containsExactlyElementsOf(oneTo(600));
	}

	@Test
	void pruningKeepsTheNewestFilesWithinHistoryAndTotalSize() throws Exception {
		Path byHistory = this.tempDir.resolve("history/telemetry.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(byHistory, new Rotation(20_000, 2, Long.MAX_VALUE, null,
				false), false));
		emitInWrittenGroups(writer, 600);
		writer.close();
		List<Path> kept = files(byHistory.getParent());
		assertThat(kept).hasSize(3);
		List<Long> sequences = sequences(TestEvents.readAll(kept));
		assertThat(sequences).isSorted().last().isEqualTo(600L);
		assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(sequences.get(0), 600).boxed().toList());

		Path bySize = this.tempDir.resolve("size/telemetry.jsonl");
		writer = writer(new FileExporter(bySize, new Rotation(20_000, 1000, 100_000, null, false), false));
		emitInWrittenGroups(writer, 600);
		writer.close();
		List<Path> bySizeFiles = files(bySize.getParent());
		long rotatedTotal = 0;
		for (Path each : bySizeFiles.subList(0, bySizeFiles.size() - 1)) {
			rotatedTotal += Files.size(each);
		}
		// the total is kept at each rotation, with the new active file; the active file grows after it (a busy
		// writer's batches can make it exceed max-file-size by one batch), so the rotated files stay within it
		assertThat(rotatedTotal).isPositive().isLessThanOrEqualTo(100_000);
		List<Long> left = sequences(TestEvents.readAll(bySizeFiles));
		assertThat(left).isSorted().last().isEqualTo(600L);
		assertThat(left.get(0)).as("the oldest files were deleted").isGreaterThan(1L);
		assertThat(left).containsExactlyElementsOf(LongStream.rangeClosed(left.get(0), 600).boxed().toList());
	}

	@Test
	void rotatedFilesAreCompressedWithGzip() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file, new Rotation(20_000, 1000, Long.MAX_VALUE, null,
				true), false));
		emitInWrittenGroups(writer, 300);
		writer.close();
		List<Path> files = files(this.tempDir);
		assertThat(files.subList(0, files.size() - 1)).isNotEmpty()
			.allSatisfy((rotated) -> assertThat(rotated.getFileName().toString()).endsWith(".jsonl.gz"));
		List<JsonNode> events = new ArrayList<>();
		for (Path rotated : files.subList(0, files.size() - 1)) {
			try (InputStream in = new GZIPInputStream(Files.newInputStream(rotated))) {
				events.addAll(TelemetrySchema.validateLines(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		events.addAll(TelemetrySchema.readValidated(file));
		assertThat(sequences(events)).containsExactlyElementsOf(oneTo(300));
	}

	@Test
	void rotationByIntervalStartsAFreshFileWhenTheActiveOneIsOldEnough() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		AsyncEventWriter writer = writer(new FileExporter(file, new Rotation(Long.MAX_VALUE - 1, 10, Long.MAX_VALUE,
				Duration.ofSeconds(1), false), false));
		for (int i = 0; i < 5; i++) {
			writer.accept(event("first " + i));
		}
		Thread.sleep(1600);
		for (int i = 0; i < 5; i++) {
			writer.accept(event("second " + i));
		}
		writer.close();
		List<Path> files = files(this.tempDir);
		assertThat(files).hasSize(2);
		assertThat(TelemetrySchema.readValidated(files.get(0))).extracting((e) -> e.get("message").asString())
			.allSatisfy((message) -> assertThat(message).startsWith("first"));
		assertThat(sequences(TestEvents.readAll(files))).containsExactlyElementsOf(oneTo(10));
	}

	@Test
	void aFullDeviceCountsEveryEventAsFailedAndTheApplicationCarriesOn() {
		Path full = Path.of("/dev/full");
		Assumptions.assumeTrue(Files.isWritable(full), "no writable /dev/full on this system");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(full), TestEvents.encoder(), 64,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.retryBuffer(16 * 1024)
			.start();
		long started = System.nanoTime();
		for (int i = 0; i < 500; i++) {
			writer.accept(event("e" + i));
		}
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
		writer.close();
		WriterStats stats = writer.stats();
		assertThat(stats.written()).isZero();
		assertThat(stats.losses().io()).isEqualTo(stats.emitted());
		assertThat(stats.lastError()).contains("/dev/full").contains("No space left on device");
		assertThat(stats.pending()).isZero();
	}

	@Test
	void aRealDiskThatFillsUpAndIsFreedLosesNothingWithinTheRetryBuffer() throws Exception {
		try (SmallDisk disk = SmallDisk.mountUnder(this.tempDir,
				"the tmpfs disk-full test (the /dev/full test covers ENOSPC)")) {
			Path mount = disk.path();
			Path filler = mount.resolve("filler");
			Files.write(filler, new byte[900 * 1024]);
			Path file = mount.resolve("telemetry.jsonl");
			AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024,
					OverflowPolicy.BLOCK, TestEvents.CLOCK)
				.retryBuffer(2 * 1024 * 1024)
				.start();
			emitSlowly(writer, 600);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (writer.stats().lastError() == null && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(writer.stats().lastError()).contains("No space left on device");
			Files.delete(filler);
			emitSlowly(writer, 100);
			Thread.sleep(1500);
			writer.close();
			List<JsonNode> events = TelemetrySchema.readValidated(file);
			assertThat(sequences(events)).containsExactlyElementsOf(oneTo(700));
			WriterStats stats = writer.stats();
			assertThat(stats.written()).isEqualTo(700);
			assertThat(stats.failed()).isZero();
		}
	}

	/** Emits with short pauses so that batches stay small and rotation has room to act. */
	/** Emits in groups of 20, each written before the next: batches of at most 20 events, however slow the machine. */
	private static void emitInWrittenGroups(AsyncEventWriter writer, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (int i = 0; i < count; i++) {
			writer.accept(event("e" + i));
			if (i % 20 == 19 || i == count - 1) {
				while (writer.stats().written() < i + 1) {
					assertThat(System.nanoTime()).as("events written in time").isLessThan(deadline);
					Thread.sleep(1);
				}
			}
		}
	}

	private static void emitSlowly(AsyncEventWriter writer, int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			writer.accept(event("e" + i));
			if (i % 20 == 19) {
				Thread.sleep(5);
			}
		}
	}

	private static void waitForLines(Path file, int lines) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
			assertThat(System.nanoTime()).as("lines written in time").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
		channel.read(bytes, 0);
		return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
	}

	/** An application thread emitting an event every millisecond. */
	private static final class Flow {

		private final AtomicBoolean stop = new AtomicBoolean();

		private final Thread thread;

		private long emitted;

		private Flow(AsyncEventWriter writer) {
			this.thread = new Thread(() -> {
				while (!this.stop.get()) {
					writer.accept(event("flow " + this.emitted));
					this.emitted++;
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
		}

		static Flow start(AsyncEventWriter writer) {
			Flow flow = new Flow(writer);
			flow.thread.start();
			return flow;
		}

		void stop() throws InterruptedException {
			this.stop.set(true);
			this.thread.join();
		}

		long emitted() {
			return this.emitted;
		}

	}

}
