package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.RetentionGuard;
import dev.cloudtelemetry.output.Rotation;

import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.attributes;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.await;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.hex;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.spans;
import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.bytes;
import static dev.cloudtelemetry.output.otlp.TestLines.entry;
import static dev.cloudtelemetry.output.otlp.TestLines.exit;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable export from real JSONL files (written by the {@link FileExporter}, rotated and compressed) to a real
 * OTLP/HTTP receiver on 127.0.0.1.
 */
class DurableOtlpExporterTests {

	@TempDir
	Path dir;

	private Path active;

	private OtlpHttpReceiver receiver;

	@BeforeEach
	void receiver() throws IOException {
		this.active = this.dir.resolve("telemetry.jsonl");
		this.receiver = new OtlpHttpReceiver();
	}

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	private DurableOtlpExporter durable() {
		return durable(this.receiver, this.active, Duration.ofSeconds(5));
	}

	private static DurableOtlpExporter durable(OtlpHttpReceiver receiver, Path active, Duration shutdownTimeout) {
		return new DurableOtlpExporter(exporter(receiver), new OtlpExportSettings(receiver.endpoint(), 1, 7, Duration.ofMillis(20), Duration.ofSeconds(5),
					Duration.ofMillis(20), Duration.ofMillis(200), 100, shutdownTimeout, null),
				active);
	}

	private static void call(FileExporter file, int n) throws IOException {
		String id = spanId(n);
		byte[] entry = bytes(entry(id, null, "OrderService.place", START + n * 1000L));
		file.export(entry, 0, entry.length);
		byte[] exit = bytes(exit(id, null, "OrderService.place", START + n * 1000L + 500, 500, "INFO"));
		file.export(exit, 0, exit.length);
	}

	private Map<String, Span> received() {
		return received(this.receiver);
	}

	private static Map<String, Span> received(OtlpHttpReceiver receiver) {
		Map<String, Span> byId = new java.util.HashMap<>();
		spans(receiver.requests()).forEach((span) -> byId.put(hex(span.getSpanId().toByteArray()), span));
		return byId;
	}

	private List<Path> rotated() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter((file) -> file.getFileName().toString().matches("telemetry-.*\\.jsonl(\\.gz)?"))
				.sorted()
				.toList();
		}
	}

	@Test
	void shipsRotatedCompressedAndActiveFilesPairingEntriesWithExitsInTheNextFile() throws Exception {
		try (DurableOtlpExporter exporter = durable()) {
			FileExporter file = new FileExporter(this.active, new Rotation(3000, 100, 1L << 30, null, true), false,
					exporter);
			for (int n = 0; n < 40; n++) {
				call(file, n);
			}
			file.close();
			assertThat(rotated()).hasSizeGreaterThan(10)
				.allSatisfy((rotated) -> assertThat(rotated.toString()).endsWith(".gz"));
			await(() -> received().size() == 40);
			OtlpExportStats stats = exporter.stats();
			assertThat(stats.produced()).isEqualTo(40);
			await(() -> exporter.stats().exported() == 40);
			assertThat(exporter.stats().durable().backlogBytes()).isZero();
		}
		assertThat(spans(this.receiver.requests())).hasSize(40);
		assertThat(received().values()).allSatisfy((span) -> assertThat(attributes(span.getAttributesList()))
			.as("the entry's attributes, from the file before the exit's").containsKey("function.parameters"));
	}

	@Test
	void aRestartResumesAtTheCheckpointPairsCallsOpenAcrossItAndSendsNothingTwice() throws Exception {
		FileExporter file = new FileExporter(this.active, Rotation.NONE, false);
		try (DurableOtlpExporter first = durable()) {
			for (int n = 0; n < 20; n++) {
				call(file, n);
			}
			byte[] open = bytes(entry(spanId(20), null, "OrderService.slow", START + 20_000));
			file.export(open, 0, open.length);
			await(() -> first.stats().exported() == 20);
		}
		String checkpoint = Files.readString(this.active.resolveSibling("telemetry.jsonl.otlp-checkpoint"));
		assertThat(checkpoint).contains("acknowledged=").contains("resume=");
		byte[] close = bytes(exit(spanId(20), null, "OrderService.slow", START + 29_000, 9000, "INFO"));
		file.export(close, 0, close.length);
		for (int n = 21; n < 30; n++) {
			call(file, n);
		}
		file.close();
		try (DurableOtlpExporter second = durable()) {
			await(() -> second.stats().exported() == 10);
			assertThat(second.stats().produced()).as("spans acknowledged before are not read again").isEqualTo(10);
		}
		assertThat(spans(this.receiver.requests())).as("each span once").hasSize(30);
		assertThat(attributes(received().get(spanId(20)).getAttributesList()))
			.as("the entry written before the restart").containsKey("function.parameters");
		assertThat(received().get(spanId(20)).getStartTimeUnixNano()).isEqualTo(START + 20_000);
	}

	/**
	 * Calls whose exit comes three lines after their entry, so that every batch boundary (7 spans) falls
	 * between an entry and its exit: the collector takes {@code accepted} batches, then refuses until the
	 * application stops (3: all but the last). After the restart every span arrives once, each with its entry's
	 * attributes.
	 */
	@Test
	void aRestartAfterAnyBatchLosesNoSpanAndNoEntryOfACallOpenAcrossTheBatchBoundary() throws Exception {
		int calls = 24;
		for (int accepted = 0; accepted <= 3; accepted++) {
			Path active = Files.createDirectories(this.dir.resolve("accepted-" + accepted)).resolve("telemetry.jsonl");
			FileExporter file = new FileExporter(active, Rotation.NONE, false);
			for (int n = 0; n < calls + 3; n++) {
				if (n < calls) {
					byte[] entry = bytes(entry(spanId(n), null, "OrderService.place", START + n * 1000L));
					file.export(entry, 0, entry.length);
				}
				if (n >= 3) {
					byte[] exit = bytes(exit(spanId(n - 3), null, "OrderService.place", START + (n - 3) * 1000L + 500,
							500, "INFO"));
					file.export(exit, 0, exit.length);
				}
			}
			file.close();
			try (OtlpHttpReceiver receiver = new OtlpHttpReceiver()) {
				receiver.refuseAfter(accepted, 503);
				try (DurableOtlpExporter first = durable(receiver, active, Duration.ofMillis(100))) {
					await(() -> receiver.refusedRequests() > 0);
				}
				int before = spans(receiver.requests()).size();
				assertThat(before).isEqualTo(Math.min(calls, accepted * 7));
				receiver.accept();
				try (DurableOtlpExporter second = durable(receiver, active, Duration.ofSeconds(5))) {
					await(() -> received(receiver).size() == calls);
					await(() -> second.stats().pending() == 0);
				}
				assertThat(spans(receiver.requests())).as("after %d batches: each span once", accepted).hasSize(calls);
				assertThat(received(receiver).values()).as("after %d batches: every span with its entry", accepted)
					.allSatisfy((span) -> assertThat(attributes(span.getAttributesList()))
						.containsKey("function.parameters"));
			}
		}
	}

	/**
	 * A call stays open while rotation (max-history 1, gzip) goes on and the calls after it are shipped:
	 * the file holding its entry is the checkpoint's resume point and must outlive a restart.
	 */
	@Test
	void rotationKeepsTheFileOfTheResumePointSoACallOpenAcrossARestartKeepsItsEntry() throws Exception {
		Rotation rotation = new Rotation(3000, 1, 1L << 30, null, true);
		String open = spanId(99);
		try (DurableOtlpExporter first = durable()) {
			FileExporter file = new FileExporter(this.active, rotation, false, first);
			byte[] entry = bytes(entry(open, null, "OrderService.slow", START));
			file.export(entry, 0, entry.length);
			for (int n = 0; n < 8; n++) {
				call(file, n);
				int shipped = n + 1;
				await(() -> first.stats().exported() == shipped);
			}
			file.close();
		}
		assertThat(rotated()).as("the file of the open call's entry is kept beyond max-history").hasSizeGreaterThan(1);
		try (DurableOtlpExporter second = durable()) {
			FileExporter file = new FileExporter(this.active, rotation, false, second);
			byte[] exit = bytes(exit(open, null, "OrderService.slow", START + 20_000, 20_000, "INFO"));
			file.export(exit, 0, exit.length);
			await(() -> received().containsKey(open));
			await(() -> second.stats().pending() == 0);
			for (int n = 8; n < 11; n++) {
				call(file, n);
				int shipped = n - 7;
				await(() -> second.stats().exported() == 1 + shipped);
			}
			file.close();
			assertThat(rotated()).as("released once the call is shipped").hasSizeLessThanOrEqualTo(3);
		}
		assertThat(attributes(received().get(open).getAttributesList())).as("the entry written before the restart")
			.containsKey("function.parameters");
		assertThat(spans(this.receiver.requests())).as("each span once").hasSize(12);
	}

	@Test
	void aLineStillBeingWrittenWaitsUntilItIsComplete() throws Exception {
		FileExporter file = new FileExporter(this.active, Rotation.NONE, false);
		try (DurableOtlpExporter exporter = durable()) {
			call(file, 0);
			byte[] entry = bytes(entry(spanId(1), null, "OrderService.place", START));
			file.export(entry, 0, entry.length);
			byte[] exit = exit(spanId(1), null, "OrderService.place", START + 500, 500, "INFO")
				.getBytes(StandardCharsets.UTF_8);
			Files.write(this.active, java.util.Arrays.copyOf(exit, 300), StandardOpenOption.APPEND);
			await(() -> received().size() == 1);
			Thread.sleep(300);
			assertThat(received()).containsOnlyKeys(spanId(0));
			Files.write(this.active, java.util.Arrays.copyOfRange(exit, 300, exit.length), StandardOpenOption.APPEND);
			await(() -> received().size() == 2);
			assertThat(exporter.stats().dropped()).containsEntry("unreadable", 0L);
		}
		file.close();
	}

	@Test
	void rotationKeepsFilesNotShippedBeyondMaxHistoryAndDeletesThemOnceShipped() throws Exception {
		this.receiver.refuse(503);
		try (DurableOtlpExporter exporter = durable()) {
			FileExporter file = new FileExporter(this.active, new Rotation(3000, 1, 1L << 30, null, false), false,
					exporter);
			for (int n = 0; n < 20; n++) {
				call(file, n);
			}
			file.close();
			assertThat(rotated()).as("max-history is 1, but nothing was shipped").hasSizeGreaterThan(5);
			assertThat(exporter.stats().durable().backlogFiles()).isGreaterThan(5);
			awaitStats(exporter, (stats) -> stats.lastError() != null);
			this.receiver.accept();
			awaitStats(exporter, (st) -> st.exported() == 20);
			for (int n = 20; n < 22; n++) {
				call(file, n);
			}
			file.close();
			assertThat(rotated()).as("shipped files are pruned again").hasSizeLessThanOrEqualTo(3);
			awaitStats(exporter, (st) -> st.exported() == 22);
		}
		assertThat(received()).hasSize(22);
		assertThat(this.receiver.refusedRequests()).isPositive();
	}

	@Test
	void maxTotalSizeForcesPruningAndTheLostSpansAreCounted() throws Exception {
		this.receiver.down();
		try (DurableOtlpExporter exporter = durable()) {
			FileExporter file = new FileExporter(this.active, new Rotation(3000, 100, 9000, null, false), false,
					exporter);
			for (int n = 0; n < 40; n++) {
				call(file, n);
			}
			file.close();
			OtlpExportStats down = exporter.stats();
			assertThat(down.durable().prunedFiles()).isPositive();
			assertThat(down.durable().prunedBytes()).isPositive();
			assertThat(down.dropped().get("pruned")).isPositive().isEqualTo(down.durable().prunedSpans());
			await(() -> exporter.stats().lastError() != null);
			assertThat(exporter.stats().lastError()).startsWith("cannot reach the collector");
			this.receiver.up();
			awaitStats(exporter, (stats) -> stats.pending() == 0 && stats.produced() == 40);
			OtlpExportStats stats = exporter.stats();
			assertThat(received().size() + stats.dropped().get("pruned")).as("every span arrived or was counted")
				.isEqualTo(40);
			assertThat(stats.exported()).isEqualTo(received().size());
		}
	}

	/** The files beside the checkpoint, with their sizes. */
	private static String listing(DurableOtlpExporter exporter) {
		Path directory = Path.of(exporter.stats().durable().checkpoint()).toAbsolutePath().getParent();
		try (Stream<Path> files = Files.list(directory)) {
			return files.sorted().map((file) -> file.getFileName() + " (" + file.toFile().length() + " B)").toList()
				.toString();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static void awaitStats(DurableOtlpExporter exporter, java.util.function.Predicate<OtlpExportStats> condition)
			throws InterruptedException {
		// generous: only a failure waits this long, and its message shows the exporter's state and the files
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.test(exporter.stats())) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("not within 60 s: " + exporter.stats() + "; files " + listing(exporter));
			}
			Thread.sleep(10);
		}
	}

	/**
	 * Rotation by {@code interval} renames the active file and the next write creates a new one: meanwhile there
	 * is no active file. Spans read before it and sent while reading waits for it must still be recorded in the
	 * checkpoint, so that a clean restart sends none of them again.
	 */
	@Test
	void spansSentWhileTheActiveFileIsMissingAfterRotationAreNotSentAgainAfterARestart() throws Exception {
		FileExporter file = new FileExporter(this.active, Rotation.NONE, false);
		for (int n = 0; n < 3; n++) {
			call(file, n);
		}
		file.close();
		// what rotation by interval does when it is due at a flush: the next write creates the active file again
		Files.move(this.active, this.dir.resolve("telemetry-20261201-010000-000.jsonl"));
		OtlpExportSettings slow = new OtlpExportSettings(this.receiver.endpoint(), 1, 7, Duration.ofMillis(300),
				Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofSeconds(5), null);
		try (DurableOtlpExporter first = new DurableOtlpExporter(exporter(this.receiver), slow, this.active)) {
			await(() -> first.stats().exported() == 3);
			assertThat(first.stats().durable().acknowledgedFile()).isEqualTo("telemetry-20261201-010000-000.jsonl");
		}
		try (DurableOtlpExporter second = durable()) {
			FileExporter next = new FileExporter(this.active, Rotation.NONE, false);
			call(next, 3);
			next.close();
			await(() -> received().containsKey(spanId(3)));
			await(() -> second.stats().pending() == 0);
			assertThat(second.stats().produced()).as("spans acknowledged before the restart are not read again")
				.isEqualTo(1);
		}
		assertThat(spans(this.receiver.requests())).as("each span once").hasSize(4);
	}

	/**
	 * Beyond {@code max-total-size}, rotation tells the guard about each file and deletes it, the newest of those
	 * files first: while it works, the file being read may already be gone while older files, read before, are
	 * still there, and a file just counted as pruned is still there until deleted. Reading must go on with the
	 * first file neither read nor pruned: nothing read twice, nothing counted twice.
	 */
	@Test
	void forcedPruningWhileReadingNeitherReadsAFileAgainNorReadsAFileCountedAsPruned() throws Exception {
		Path first = writeCalls("telemetry-20261201-010000-001.jsonl", 0, 3);
		Path second = writeCalls("telemetry-20261201-010000-002.jsonl", 3, 6);
		Path third = writeCalls("telemetry-20261201-010000-003.jsonl", 6, 9);
		writeCalls("telemetry.jsonl", 9, 10);
		this.receiver.down();
		OtlpExportSettings batchesOfFour = new OtlpExportSettings(this.receiver.endpoint(), 1, 4,
				Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), 100,
				Duration.ofSeconds(5), null);
		try (DurableOtlpExporter exporter = new DurableOtlpExporter(exporter(this.receiver), batchesOfFour,
				this.active)) {
			// the first two files are read, and the first batch waits for the collector
			awaitStats(exporter, (stats) -> stats.produced() == 6 && stats.lastError() != null);
			// rotation, newest first: the third file is counted (and not deleted yet), the second, being read, is
			// deleted, the first (read before) is next in line
			exporter.forcedDeletion(third);
			exporter.forcedDeletion(second);
			Files.delete(second);
			this.receiver.up();
			awaitStats(exporter, (stats) -> received().containsKey(spanId(9)) && stats.pending() == 0);
			OtlpExportStats stats = exporter.stats();
			assertThat(stats.dropped()).containsEntry("pruned", 3L);
			assertThat(stats.produced()).as("each span read or counted once").isEqualTo(10);
			assertThat(stats.exported()).isEqualTo(7);
			assertThat(first).exists();
		}
		assertThat(received()).containsOnlyKeys(spanId(0), spanId(1), spanId(2), spanId(3), spanId(4), spanId(5),
				spanId(9));
		assertThat(spans(this.receiver.requests())).as("each span sent once").hasSize(7);
	}

	/**
	 * The file being read, read to its end, is rotated and deleted by someone else (not by rotation) before
	 * reading moved on: after a few seconds reading goes on with the new active file.
	 */
	@Test
	void aFileDeletedBySomeoneElseAfterItWasReadDoesNotStopShipping() throws Exception {
		try (DurableOtlpExporter exporter = durable()) {
			FileExporter file = new FileExporter(this.active, Rotation.NONE, false);
			call(file, 0);
			file.close();
			await(() -> received().containsKey(spanId(0)));
			Path rotated = this.dir.resolve("telemetry-20261201-010000-000.jsonl");
			Files.move(this.active, rotated);
			Files.delete(rotated);
			FileExporter next = new FileExporter(this.active, Rotation.NONE, false);
			call(next, 1);
			next.close();
			await(() -> received().containsKey(spanId(1)));
			assertThat(exporter.stats().produced()).isEqualTo(2);
		}
		assertThat(spans(this.receiver.requests())).as("each span once").hasSize(2);
	}

	/**
	 * Shutdown just after a rotation, while the file read last is under neither its old name nor its rotated one
	 * (the rotation thread renames it, then compresses it and deletes the plain file): close looks for it again
	 * and ships the new active file's lines before it returns. Seen in CI: a rotation just before SIGTERM left the
	 * new active file's last spans for the next start, with every span counted exported. Closed from a task of the
	 * common ForkJoinPool, as a shutdown hook run by {@code CompletableFuture.runAsync} would: the collector's
	 * answer must not need that pool (on JDK 25 it did, through {@code HttpClient.sendAsync}).
	 */
	@Test
	void closeRightAfterARotationShipsTheNewActiveFileWhileTheFileReadLastIsAway() throws Exception {
		Path away = this.dir.resolve("being-compressed");
		try (DurableOtlpExporter exporter = durable()) {
			FileExporter file = new FileExporter(this.active, Rotation.NONE, false);
			call(file, 0);
			file.close();
			await(() -> received().containsKey(spanId(0)));
			Files.move(this.active, away);
			FileExporter next = new FileExporter(this.active, Rotation.NONE, false);
			call(next, 1);
			next.close();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(exporter::close);
			Thread.sleep(300);
			Files.move(away, this.dir.resolve("telemetry-20261201-010000-000.jsonl"));
			closed.get(20, TimeUnit.SECONDS);
			assertThat(received()).as("the new active file's span, shipped before close returned")
				.containsKey(spanId(1));
			assertThat(exporter.stats().exported()).isEqualTo(2);
		}
		assertThat(spans(this.receiver.requests())).as("each span once").hasSize(2);
	}

	private Path writeCalls(String name, int from, int to) throws IOException {
		Path file = this.dir.resolve(name);
		for (int n = from; n < to; n++) {
			String id = spanId(n);
			Files.write(file, bytes(entry(id, null, "OrderService.place", START + n * 1000L)), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			Files.write(file, bytes(exit(id, null, "OrderService.place", START + n * 1000L + 500, 500, "INFO")),
					StandardOpenOption.APPEND);
		}
		return file;
	}

	private static OtlpHttpSpanExporter exporter(OtlpHttpReceiver receiver) {
		return OtlpHttpSpanExporter.builder()
			.setEndpoint(receiver.endpoint())
			.setRetryPolicy(null)
			.setComponentLoader(RetryAfterHttpSender.loader())
			.build();
	}

	@Test
	void rotationAsksTheGuardOnlyAboutRotatedFiles() {
		assertThat(RetentionGuard.NONE.released(this.active)).isTrue();
	}

}
