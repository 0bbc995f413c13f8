package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.OverflowPolicy;
import dev.cloudtelemetry.output.Rotation;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.resource.Resource;

/**
 * Bytes per second that the writer puts into a file, against {@code dd} writing the same number of bytes
 * in 64 KiB blocks into the same directory, variants alternating in one run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cloudtelemetry.benchmarks.WriterEndToEnd [dir] [events] [rounds] [sync]}.
 * <ul>
 * <li>{@code writer}: the whole writer (queue, writer thread, {@link EventEncoder}, {@link FileExporter}):
 * one producer thread offers the events with {@code overflow=block}, so the figure is the writer thread's
 * sustained rate, <b>encoding included</b>. Rotation off, and on (64 MB files, 3 kept, as a busy service
 * rotates).</li>
 * <li>{@code output only}: the same lines, encoded once beforehand, handed to a {@link FileExporter} in
 * batches of whole lines of the writer's flush size (and of the 64 KiB it used before): what the writer's
 * output path costs without the encoding, which is the fair comparison with {@code dd} (it writes zeros it
 * did not have to compute).</li>
 * <li>{@code sync=batch} (with the argument {@code sync}): the writer forcing each batch to the disk.</li>
 * </ul>
 * A first round warms the JIT and is not counted; each round starts with a different variant.
 */
public final class WriterEndToEnd {

	private static final int DISTINCT_EVENTS = 4096;

	/** What {@code AsyncEventWriter} hands its exporters at a time (its {@code FLUSH_BYTES}). */
	private static final int BATCH_BYTES = 256 * 1024;

	private WriterEndToEnd() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Files.createDirectories(Path.of((args.length > 0) ? args[0] : "target/writer-end-to-end"));
		int events = (args.length > 1) ? Integer.parseInt(args[1]) : 400_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		boolean sync = args.length > 3 && args[3].equals("sync");
		TelemetryEvent[] pool = BenchmarkEvents.methodEvents(DISTINCT_EVENTS);
		Resource resource = BenchmarkEvents.resource();
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		List<String> names = new ArrayList<>(List.of("writer, rotation off", "writer, rotation on", "output only", "dd",
				"output only, 64 KiB"));
		if (sync) {
			names.add("writer, sync=batch");
		}
		int variants = names.size();
		double[][] rates = new double[variants][rounds];
		long bytes = bytesOf(pool, encoder, events);
		byte[] lines = encodeOnce(pool, encoder);
		for (int round = -1; round < rounds; round++) {
			for (int i = 0; i < variants; i++) {
				int variant = Math.floorMod(round + i, variants);
				Path run = clean(directory.resolve("variant-" + variant));
				double rate = switch (names.get(variant)) {
					case "writer, rotation off" -> writer(run, encoder, pool, events, Rotation.NONE, false, bytes);
					case "writer, rotation on" -> writer(run, encoder, pool, events,
							new Rotation(64L * 1024 * 1024, 3, Long.MAX_VALUE, null, false), false, bytes);
					case "writer, sync=batch" -> writer(run, encoder, pool, events, Rotation.NONE, true, bytes);
					case "output only" -> outputOnly(run, lines, bytes, BATCH_BYTES);
					case "output only, 64 KiB" -> outputOnly(run, lines, bytes, 64 * 1024);
					default -> dd(run.resolve("dd.bin"), bytes);
				};
				clean(run);
				if (round >= 0) {
					rates[variant][round] = rate;
				}
				System.out.printf("round %s %-20s %,d bytes, %.0f MB/s%n", (round < 0) ? "warm-up" : round,
						names.get(variant), bytes, rate / 1e6);
			}
		}
		System.out.printf("%n%,d events, %,d bytes per run; median MB/s:", events, bytes);
		double[] medians = new double[variants];
		for (int variant = 0; variant < variants; variant++) {
			medians[variant] = median(rates[variant]);
			System.out.printf(" %s %.0f;", names.get(variant), medians[variant] / 1e6);
		}
		double dd = medians[names.indexOf("dd")];
		System.out.printf("%nratios of the medians: writer rotation on / off %.2f; writer (off) / dd %.2f; "
				+ "writer (on) / dd %.2f; output only / dd %.2f%n", medians[1] / medians[0], medians[0] / dd,
				medians[1] / dd, medians[2] / dd);
		System.out.print("per round, writer (off) / dd:");
		for (int round = 0; round < rounds; round++) {
			System.out.printf(" %.2f", rates[0][round] / rates[3][round]);
		}
		System.out.println();
	}

	private static double writer(Path run, EventEncoder encoder, TelemetryEvent[] pool, int events, Rotation rotation,
			boolean sync, long bytes) {
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(run.resolve("telemetry.jsonl"), rotation, sync),
				encoder, 8192, OverflowPolicy.BLOCK, NanoClock.system())
			.start();
		long started = System.nanoTime();
		for (int i = 0; i < events; i++) {
			writer.offer(pool[i & (DISTINCT_EVENTS - 1)]);
		}
		writer.close(600_000);
		long elapsed = System.nanoTime() - started;
		WriterStats stats = writer.stats();
		if (stats.written() != events) {
			throw new IllegalStateException("Not every event was written: " + stats);
		}
		return bytes / (elapsed / 1e9);
	}

	/** The lines of the pool, encoded once, sequence numbers as the writer gives them to the first lap. */
	private static byte[] encodeOnce(TelemetryEvent[] pool, EventEncoder encoder) {
		JsonWriter out = new JsonWriter(8 * 1024 * 1024);
		for (int i = 0; i < pool.length; i++) {
			encoder.encode(pool[i], i + 1, out);
		}
		return out.toByteArray();
	}

	/** The bytes the writer puts out for {@code events} events (sequence numbers grow, so lines do too). */
	private static long bytesOf(TelemetryEvent[] pool, EventEncoder encoder, int events) {
		JsonWriter out = new JsonWriter(64 * 1024);
		long total = 0;
		for (int i = 0; i < events; i++) {
			encoder.encode(pool[i & (DISTINCT_EVENTS - 1)], i + 1, out);
			total += out.length();
			out.reset();
		}
		return total;
	}

	/** Pre-encoded lines to a {@link FileExporter} in batches of whole lines, until {@code bytes} are out. */
	private static double outputOnly(Path run, byte[] lines, long bytes, int batchBytes) throws IOException {
		FileExporter exporter = new FileExporter(run.resolve("telemetry.jsonl"));
		long started = System.nanoTime();
		long written = 0;
		int offset = 0;
		while (written < bytes) {
			int end = Math.min(lines.length, offset + batchBytes);
			while (end < lines.length && lines[end - 1] != '\n') {
				end--;
			}
			exporter.export(lines, offset, end - offset);
			written += end - offset;
			offset = (end == lines.length) ? 0 : end;
		}
		exporter.close();
		return written / ((System.nanoTime() - started) / 1e9);
	}

	private static double dd(Path file, long bytes) throws IOException, InterruptedException {
		long blocks = (bytes + 65535) / 65536;
		long started = System.nanoTime();
		Process process = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=64k", "count=" + blocks)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("dd failed");
		}
		return blocks * 65536 / ((System.nanoTime() - started) / 1e9);
	}

	private static Path clean(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
		return Files.createDirectories(directory);
	}

	private static double median(double[] values) {
		List<Double> sorted = java.util.Arrays.stream(values).sorted().boxed().toList();
		return sorted.get(sorted.size() / 2);
	}

}
