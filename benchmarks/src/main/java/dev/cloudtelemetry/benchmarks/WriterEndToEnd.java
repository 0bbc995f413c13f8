package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.OverflowPolicy;
import dev.cloudtelemetry.output.Rotation;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.resource.Resource;

/**
 * Bytes per second the whole writer (queue, writer thread, encoder, {@link FileExporter}) puts into a file
 * with rotation off and on, against {@code dd} writing the same number of bytes in 64 KiB blocks into the
 * same directory, rounds alternating in one run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cloudtelemetry.benchmarks.WriterEndToEnd [dir] [events] [rounds]}.
 * One producer thread offers the events with {@code overflow=block}, so the figure is the writer
 * thread's sustained rate. Rotation on: 64 MB files, 3 kept, as a busy service rotates; a third run
 * forces each batch to the disk ({@code telemetry.output.sync=batch}).
 */
public final class WriterEndToEnd {

	private static final int DISTINCT_EVENTS = 4096;

	private WriterEndToEnd() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Files.createDirectories(Path.of((args.length > 0) ? args[0] : "target/writer-end-to-end"));
		int events = (args.length > 1) ? Integer.parseInt(args[1]) : 400_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		TelemetryEvent[] pool = BenchmarkEvents.methodEvents(DISTINCT_EVENTS);
		Resource resource = BenchmarkEvents.resource();
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		String[] names = { "rotation off", "rotation on", "sync=batch" };
		double[][] rates = new double[4][rounds];
		for (int round = 0; round < rounds; round++) {
			long bytes = 0;
			for (int variant = 0; variant < 3; variant++) {
				boolean rotation = variant == 1;
				Path run = clean(directory.resolve("variant-" + variant));
				Rotation policy = rotation ? new Rotation(64L * 1024 * 1024, 3, Long.MAX_VALUE, null, false)
						: Rotation.NONE;
				AsyncEventWriter writer = new AsyncEventWriter(
						new FileExporter(run.resolve("telemetry.jsonl"), policy, variant == 2), encoder, 8192,
						OverflowPolicy.BLOCK, NanoClock.system())
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
				// pruning deletes files of the rotation run: both runs write the same bytes
				long written = (variant == 0) ? sizeOf(run) : bytes;
				bytes = written;
				rates[variant][round] = written / (elapsed / 1e9);
				System.out.printf("round %d %-12s %,d events, %,d bytes in %d files, %.0f MB/s%n", round,
						names[variant], events, written, fileCount(run), rates[variant][round] / 1e6);
				clean(run);
			}
			rates[3][round] = dd(clean(directory.resolve("dd")).resolve("dd.bin"), bytes);
			System.out.printf("round %d dd           %,d bytes, %.0f MB/s%n", round, bytes, rates[3][round] / 1e6);
			clean(directory.resolve("dd"));
		}
		double off = median(rates[0]);
		double on = median(rates[1]);
		double sync = median(rates[2]);
		double dd = median(rates[3]);
		System.out.printf("%nmedian MB/s: rotation off %.0f, rotation on %.0f, sync=batch %.0f, dd %.0f%n", off / 1e6,
				on / 1e6, sync / 1e6, dd / 1e6);
		System.out.printf("ratios: rotation on / off %.2f, sync=batch / none %.2f, writer (off) / dd %.2f, "
				+ "writer (on) / dd %.2f%n", on / off, sync / off, off / dd, on / dd);
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

	private static long sizeOf(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			long total = 0;
			for (Path file : files.toList()) {
				total += Files.size(file);
			}
			return total;
		}
	}

	private static long fileCount(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.count();
		}
	}

	private static double median(double[] values) {
		List<Double> sorted = java.util.Arrays.stream(values).sorted().boxed().toList();
		return sorted.get(sorted.size() / 2);
	}

}
