package dev.cloudtelemetry.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.json.JsonWriter;

import static dev.cloudtelemetry.output.TestEvents.event;
import static dev.cloudtelemetry.output.TestEvents.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Two writers given the same file (two processes, or two application contexts of one JVM, with the same
 * {@code telemetry.output.path}): each is told once, rotation counts the whole file, and a batch that fails
 * part-way is cut off without taking the other writer's lines with it.
 */
class SharedFileTests {

	private static final int CHILD_EVENTS = 10_000;

	@TempDir
	Path tempDir;

	private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

	private final Logger julLogger = Logger.getLogger(FileExporter.class.getName());

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			SharedFileTests.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	@BeforeEach
	void captureWarnings() {
		this.julLogger.addHandler(this.handler);
	}

	@AfterEach
	void stopCapturing() {
		this.julLogger.removeHandler(this.handler);
	}

	@Test
	void twoWritersOfOneFileRotateByWhatTheFileHoldsAndEachIsToldOnce() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		Rotation rotation = new Rotation(20_000, 1000, Long.MAX_VALUE, null, false);
		FileExporter first = new FileExporter(file, rotation, false);
		FileExporter second = new FileExporter(file, rotation, false);
		EventEncoder encoder = TestEvents.encoder();
		int batches = 60;
		int largestBatch = 0;
		for (int i = 0; i < batches; i++) {
			byte[] one = lines(encoder, "first", i * 4, 4);
			byte[] two = lines(encoder, "second", i * 4, 4);
			first.export(one, 0, one.length);
			second.export(two, 0, two.length);
			largestBatch = Math.max(largestBatch, Math.max(one.length, two.length));
		}
		first.close();
		second.close();
		List<Path> written = files(this.tempDir);
		assertThat(largestBatch).as("several batches fit in a file").isLessThan(6_000);
		assertThat(written).hasSizeGreaterThan(3);
		assertThat(written).allSatisfy((each) -> assertThat(Files.size(each))
			.as("%s holds no more than max-file-size: rotation counts both writers' lines", each)
			.isLessThanOrEqualTo(20_000));
		List<String> messages = TestEvents.readAll(written)
			.stream()
			.map((event) -> event.get("message").asString())
			.toList();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < batches * 4; i++) {
			expected.add("first " + i);
			expected.add("second " + i);
		}
		assertThat(messages).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(warnings()).hasSize(2)
			.allSatisfy((message) -> assertThat(message).contains(file.toString())
				.contains("also written by another writer")
				.contains("telemetry.output.path"));
	}

	@Test
	void aBatchThatFailsPartWayOnAFullDiskIsCutOffAndTheOtherWritersLinesStay() throws Exception {
		try (SmallDisk disk = SmallDisk.mountUnder(this.tempDir, "the shared-file disk-full test")) {
			Path mount = disk.path();
			Path file = mount.resolve("telemetry.jsonl");
			FileExporter first = new FileExporter(file);
			FileExporter second = new FileExporter(file);
			EventEncoder encoder = TestEvents.encoder();
			byte[] firstLines = lines(encoder, "first", 0, 5);
			byte[] secondLines = lines(encoder, "second", 0, 5);
			first.export(firstLines, 0, firstLines.length);
			second.export(secondLines, 0, secondLines.length);
			byte[] before = Files.readAllBytes(file);
			// leave three pages free, then give the first writer a batch of about 60 KB
			Path filler = mount.resolve("filler");
			FileStore store = Files.getFileStore(mount);
			Files.write(filler, new byte[(int) (store.getUsableSpace() - 3 * 4096)]);
			byte[] large = lines(encoder, "large", 0, 100);
			assertThat(large.length).isGreaterThan(8 * 4096);
			assertThatIOException().isThrownBy(() -> first.export(large, 0, large.length))
				.withMessageContaining("No space left on device");
			assertThat(Files.readAllBytes(file)).as("the part written is cut off, the second writer's lines stay")
				.isEqualTo(before);
			Files.delete(filler);
			first.export(large, 0, large.length);
			second.export(secondLines, 0, secondLines.length);
			first.close();
			second.close();
			List<String> messages = TestEvents.readAll(List.of(file))
				.stream()
				.map((event) -> event.get("message").asString())
				.toList();
			assertThat(messages).hasSize(115).startsWith("first 0", "first 1", "first 2", "first 3", "first 4",
					"second 0", "second 1", "second 2", "second 3", "second 4", "large 0").endsWith("large 99",
							"second 0", "second 1", "second 2", "second 3", "second 4");
		}
	}

	@Test
	void twoProcessesWritingOneRotatingFileAtOnceLoseNothingAndKeepEveryLineWhole() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		long maxFileSize = 1024 * 1024;
		Process first = child(file, maxFileSize, "first");
		Process second = child(file, maxFileSize, "second");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(this.tempDir.resolve("first.ready")) || !Files.exists(this.tempDir.resolve("second.ready"))) {
			assertThat(System.nanoTime()).as("both children start").isLessThan(deadline);
			Thread.sleep(5);
		}
		Files.createFile(this.tempDir.resolve("go"));
		assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the first child ends").isTrue();
		assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second child ends").isTrue();
		assertThat(first.exitValue()).as(log("first")).isZero();
		assertThat(second.exitValue()).as(log("second")).isZero();
		List<Path> written = files(this.tempDir).stream()
			.filter((each) -> each.getFileName().toString().endsWith(".jsonl"))
			.toList();
		assertThat(written).hasSizeGreaterThan(5);
		// a batch is at most 264 KiB; two processes may each find room for one in the same moment
		String logs = log("first") + log("second");
		assertThat(written).allSatisfy((each) -> assertThat(Files.size(each)).as("%s; the children's logs: %s", each, logs)
			.isLessThanOrEqualTo(maxFileSize + 2 * 264 * 1024));
		List<String> messages = TestEvents.readAll(written)
			.stream()
			.map((event) -> event.get("message").asString())
			.map((message) -> message.substring(0, message.lastIndexOf(' ')))
			.toList();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < CHILD_EVENTS; i++) {
			expected.add("first " + i);
			expected.add("second " + i);
		}
		assertThat(messages).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(log("first") + log("second")).contains("also written by another writer");
	}

	private Process child(Path file, long maxFileSize, String name) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WritingChild.class.getName(),
				file.toString(), Integer.toString(CHILD_EVENTS), Long.toString(maxFileSize), name)
			.redirectErrorStream(true)
			.redirectOutput(this.tempDir.resolve(name + ".log").toFile())
			.start();
	}

	private String log(String name) throws IOException {
		return Files.readString(this.tempDir.resolve(name + ".log"));
	}

	@Test
	void aProcessHoldingTheFilesLockDelaysRotationWithoutHoldingUpTheWriter() throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		FileExporter exporter = new FileExporter(file, new Rotation(20_000, 1000, Long.MAX_VALUE, null, false),
				false);
		EventEncoder encoder = TestEvents.encoder();
		byte[] first = lines(encoder, "first", 0, 15);
		exporter.export(first, 0, first.length);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LockingChild.class.getName(), file.toString(), "3000")
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
			assertThat(output.readLine()).isEqualTo("locked");
			// due for rotation while the other process holds the file: written to it all the same, and soon
			long started = System.nanoTime();
			byte[] second = lines(encoder, "second", 0, 15);
			exporter.export(second, 0, second.length);
			assertThat(System.nanoTime() - started).as("the writer is not held up until the lock is released")
				.isLessThan(TimeUnit.SECONDS.toNanos(2));
			assertThat(holder.isAlive()).as("the lock was still held").isTrue();
			assertThat(files(this.tempDir)).containsExactly(file);
			assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		byte[] third = lines(encoder, "third", 0, 15);
		exporter.export(third, 0, third.length);
		exporter.close();
		List<Path> written = files(this.tempDir);
		assertThat(written).hasSize(2).last().isEqualTo(file);
		assertThat(TestEvents.readAll(written)).extracting((event) -> event.get("message").asString())
			.hasSize(45)
			.startsWith("first 0")
			.endsWith("third 14");
		assertThat(TestEvents.readAll(List.of(file))).extracting((event) -> event.get("message").asString())
			.containsExactlyElementsOf(IntStream.range(0, 15).mapToObj((i) -> "third " + i).toList());
	}

	@Test
	void oneWriterAloneIsNotToldAnything() throws IOException {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		Files.writeString(file, "{\"a torn line from an earlier run");
		FileExporter exporter = new FileExporter(file, new Rotation(20_000, 1000, Long.MAX_VALUE, null, false),
				false);
		EventEncoder encoder = TestEvents.encoder();
		for (int i = 0; i < 30; i++) {
			byte[] batch = lines(encoder, "only", i * 10, 10);
			exporter.export(batch, 0, batch.length);
		}
		exporter.close();
		assertThat(files(this.tempDir)).hasSizeGreaterThan(3);
		assertThat(warnings()).isEmpty();
	}

	private List<String> warnings() {
		synchronized (this.records) {
			return this.records.stream()
				.filter((record) -> record.getLevel() == Level.WARNING)
				.map(LogRecord::getMessage)
				.toList();
		}
	}

	private static byte[] lines(EventEncoder encoder, String name, int from, int count) {
		JsonWriter out = new JsonWriter(8192);
		for (int i = from; i < from + count; i++) {
			encoder.encode(event(name + " " + i), i + 1, out);
		}
		return out.toByteArray();
	}

}
