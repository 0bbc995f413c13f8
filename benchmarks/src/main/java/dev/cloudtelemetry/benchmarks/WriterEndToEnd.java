package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.EventExporter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.OverflowPolicy;
import dev.cloudtelemetry.output.Rotation;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.resource.Resource;

/**
 * Bytes per second that the writer puts into a file, against {@code dd} writing the same number of bytes
 * in 64 KiB blocks into the same directory, variants alternating in one run:
 * {@code java [-Dfork=true] -cp benchmarks/target/benchmarks.jar dev.cloudtelemetry.benchmarks.WriterEndToEnd [dir] [events] [rounds] [sync]}
 * ({@code -Dfork=true}: each run of a variant in a JVM of its own, see {@link #forked}).
 * <ul>
 * <li>{@code writer}: the whole writer (queue, writer thread, {@link EventEncoder}, {@link FileExporter}):
 * one producer thread offers the events with {@code overflow=block}, so the figure is the writer thread's
 * sustained rate, <b>encoding included</b>. Rotation off, and on (64 MB files, 3 kept, as a busy service
 * rotates).</li>
 * <li>{@code output only}: the same lines, encoded once beforehand, handed to a {@link FileExporter} in
 * batches of whole lines of the writer's flush size (and of the 64 KiB it used before): what the writer's
 * output path costs without the encoding, which is the fair comparison with {@code dd} (it writes zeros it
 * did not have to compute).</li>
 * <li>{@code writer, default redaction}: the whole writer with rotation off and the redactor the starter
 * runs by default ({@link SecretPatternRedactor}), as a service writes.</li>
 * <li>{@code sync=batch} (with the argument {@code sync}): the writer forcing each batch to the disk.</li>
 * </ul>
 * A first round warms the JIT and is not counted; each round starts with a different variant. Besides the
 * wall-clock rate, each variant's CPU time is measured: the writer thread's (read by the exporter when the
 * writer closes it, on that thread), the calling thread's for "output only", and {@code dd}'s own (user and
 * system, from the shell's {@code times}). Bytes per CPU-second is what each would reach on a core of its
 * own, which a shared machine does not give: the ratio of those is the one that holds from run to run.
 */
public final class WriterEndToEnd {

	private static final int DISTINCT_EVENTS = 4096;

	/** The first argument of a child JVM of {@link #forked}. */
	private static final String CHILD = "--child";

	/** What {@code AsyncEventWriter} hands its exporters at a time (its {@code FLUSH_BYTES}). */
	private static final int BATCH_BYTES = 256 * 1024;

	private WriterEndToEnd() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals(CHILD)) {
			child(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
			return;
		}
		boolean fork = Boolean.getBoolean("fork");
		Path directory = Files.createDirectories(Path.of((args.length > 0) ? args[0] : "target/writer-end-to-end"));
		int events = (args.length > 1) ? Integer.parseInt(args[1]) : 400_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		boolean sync = args.length > 3 && args[3].equals("sync");
		TelemetryEvent[] pool = BenchmarkEvents.methodEvents(DISTINCT_EVENTS);
		Resource resource = BenchmarkEvents.resource();
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		EventEncoder redacting = new EventEncoder(() -> resource, false, Limits.none(16384),
				Redactors.of(List.of(new SecretPatternRedactor(false))));
		List<String> names = new ArrayList<>(List.of("writer, rotation off", "writer, rotation on", "output only", "dd",
				"output only, 64 KiB", "writer, default redaction"));
		if (sync) {
			names.add("writer, sync=batch");
		}
		int variants = names.size();
		double[][] rates = new double[variants][rounds];
		double[][] cpuRates = new double[variants][rounds];
		long bytes = bytesOf(pool, encoder, events);
		if (bytesOf(pool, redacting, events) != bytes) {
			throw new IllegalStateException("The redactor changed the benchmark's events");
		}
		byte[] lines = encodeOnce(pool, encoder);
		for (int round = -1; round < rounds; round++) {
			for (int i = 0; i < variants; i++) {
				int variant = Math.floorMod(round + i, variants);
				Path run = clean(directory.resolve("variant-" + variant));
				Run result = (fork && !names.get(variant).equals("dd")) ? forked(run, events, names.get(variant))
						: switch (names.get(variant)) {
					case "writer, rotation off" -> writer(run, encoder, pool, events, Rotation.NONE, false, bytes);
					case "writer, rotation on" -> writer(run, encoder, pool, events,
							new Rotation(64L * 1024 * 1024, 3, Long.MAX_VALUE, null, false), false, bytes);
					case "writer, default redaction" -> writer(run, redacting, pool, events, Rotation.NONE, false,
							bytes);
					case "writer, sync=batch" -> writer(run, encoder, pool, events, Rotation.NONE, true, bytes);
					case "output only" -> outputOnly(run, lines, bytes, BATCH_BYTES);
					case "output only, 64 KiB" -> outputOnly(run, lines, bytes, 64 * 1024);
					default -> dd(run.resolve("dd.bin"), bytes);
				};
				clean(run);
				if (round >= 0) {
					rates[variant][round] = result.rate();
					cpuRates[variant][round] = result.cpuRate();
				}
				System.out.printf("round %s %-26s %,d bytes, %.0f MB/s, %.0f MB per CPU-second%n",
						(round < 0) ? "warm-up" : round, names.get(variant), bytes, result.rate() / 1e6,
						result.cpuRate() / 1e6);
			}
		}
		System.out.printf("%n%,d events, %,d bytes per run%n", events, bytes);
		summary("wall clock, MB/s", names, rates);
		summary("CPU, MB per CPU-second", names, cpuRates);
	}

	/**
	 * Runs one variant in a JVM of its own ({@code -Dfork=true}): as in an application, the JIT compiles the
	 * writer for the one configuration it runs, not for every variant of the run at once (in one JVM, the
	 * writer variant that runs after the redacting one gets code compiled for both, and loses up to a third of
	 * its rate from round to round). The child runs the variant twice and reports the second run.
	 */
	private static Run forked(Path run, int events, String variant) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				WriterEndToEnd.class.getName(), CHILD, run.toString(), Integer.toString(events), variant)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(variant + " failed: " + output);
		}
		Matcher result = Pattern.compile("RESULT (\\S+) (\\S+)").matcher(output);
		if (!result.find()) {
			throw new IllegalStateException("Unexpected output of " + variant + ": " + output);
		}
		return new Run(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)));
	}

	/** The child of {@link #forked}: one variant, a warm-up run, then the measured one. */
	private static void child(Path run, int events, String variant) throws Exception {
		TelemetryEvent[] pool = BenchmarkEvents.methodEvents(DISTINCT_EVENTS);
		Resource resource = BenchmarkEvents.resource();
		EventEncoder encoder = variant.equals("writer, default redaction")
				? new EventEncoder(() -> resource, false, Limits.none(16384),
						Redactors.of(List.of(new SecretPatternRedactor(false))))
				: new EventEncoder(() -> resource, false, 16384);
		long bytes = bytesOf(pool, encoder, events);
		byte[] lines = encodeOnce(pool, encoder);
		Run result = null;
		for (int attempt = 0; attempt < 2; attempt++) {
			clean(run);
			result = switch (variant) {
				case "writer, rotation off", "writer, default redaction" ->
					writer(run, encoder, pool, events, Rotation.NONE, false, bytes);
				case "writer, rotation on" -> writer(run, encoder, pool, events,
						new Rotation(64L * 1024 * 1024, 3, Long.MAX_VALUE, null, false), false, bytes);
				case "writer, sync=batch" -> writer(run, encoder, pool, events, Rotation.NONE, true, bytes);
				case "output only" -> outputOnly(run, lines, bytes, BATCH_BYTES);
				case "output only, 64 KiB" -> outputOnly(run, lines, bytes, 64 * 1024);
				default -> throw new IllegalArgumentException(variant);
			};
		}
		clean(run);
		System.out.println("RESULT " + result.rate() + " " + result.cpuRate());
	}

	private static void summary(String title, List<String> names, double[][] rates) {
		int variants = names.size();
		double[] medians = new double[variants];
		System.out.printf("%s, median (min-max):", title);
		for (int variant = 0; variant < variants; variant++) {
			medians[variant] = median(rates[variant]);
			System.out.printf(" %s %.0f (%.0f-%.0f);", names.get(variant), medians[variant] / 1e6,
					Arrays.stream(rates[variant]).min().orElse(0) / 1e6,
					Arrays.stream(rates[variant]).max().orElse(0) / 1e6);
		}
		double dd = medians[names.indexOf("dd")];
		System.out.printf("%n  ratios of the medians: writer rotation on / off %.2f; writer (off) / dd %.2f; "
				+ "writer (on) / dd %.2f; writer (default redaction) / dd %.2f; output only / dd %.2f%n",
				medians[1] / medians[0], medians[0] / dd, medians[1] / dd,
				medians[names.indexOf("writer, default redaction")] / dd, medians[2] / dd);
		System.out.print("  per round, writer (off) / dd:");
		for (int round = 0; round < rates[0].length; round++) {
			System.out.printf(" %.2f", rates[0][round] / rates[3][round]);
		}
		System.out.print("; rotation on / off:");
		for (int round = 0; round < rates[0].length; round++) {
			System.out.printf(" %.2f", rates[1][round] / rates[0][round]);
		}
		System.out.println();
	}

	/** A variant's bytes per second of wall-clock time and per second of its own CPU time. */
	private record Run(double rate, double cpuRate) {

		static Run of(long bytes, long elapsedNanos, long cpuNanos) {
			return new Run(bytes / (elapsedNanos / 1e9), bytes / (cpuNanos / 1e9));
		}

	}

	private static Run writer(Path run, EventEncoder encoder, TelemetryEvent[] pool, int events, Rotation rotation,
			boolean sync, long bytes) {
		CpuOnClose exporter = new CpuOnClose(new FileExporter(run.resolve("telemetry.jsonl"), rotation, sync));
		// numbered from the process's counter, as the starter configures its writer
		AsyncEventWriter writer = new AsyncEventWriter(exporter, encoder, 8192, OverflowPolicy.BLOCK,
				NanoClock.system())
			.sequence(AsyncEventWriter.processSequence())
			.start();
		long started = System.nanoTime();
		for (int i = 0; i < events; i++) {
			writer.offer(pool[i & (DISTINCT_EVENTS - 1)]);
		}
		writer.close(600_000);
		long elapsed = System.nanoTime() - started;
		WriterStats stats = writer.stats();
		if (stats.written() != events || exporter.cpuNanos == 0) {
			throw new IllegalStateException("Not every event was written: " + stats);
		}
		return Run.of(bytes, elapsed, exporter.cpuNanos);
	}

	/** Reads the CPU time of the thread that closes it: the writer thread, which closes its exporters last. */
	private static final class CpuOnClose implements EventExporter {

		private final EventExporter exporter;

		private volatile long cpuNanos;

		CpuOnClose(EventExporter exporter) {
			this.exporter = exporter;
		}

		@Override
		public void export(byte[] lines, int offset, int length) throws IOException {
			this.exporter.export(lines, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.exporter.flush();
		}

		@Override
		public void close() throws IOException {
			this.exporter.close();
			this.cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		}

		@Override
		public String describe() {
			return this.exporter.describe();
		}

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
	private static Run outputOnly(Path run, byte[] lines, long bytes, int batchBytes) throws IOException {
		FileExporter exporter = new FileExporter(run.resolve("telemetry.jsonl"));
		long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
		return Run.of(written, System.nanoTime() - started,
				ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu);
	}

	/** {@code dd}, then the shell's {@code times}: its children's user and system CPU time. */
	private static Run dd(Path file, long bytes) throws IOException, InterruptedException {
		long blocks = (bytes + 65535) / 65536;
		long started = System.nanoTime();
		Process process = new ProcessBuilder("sh", "-c",
				"dd if=/dev/zero of='" + file + "' bs=64k count=" + blocks + " 2>/dev/null && times")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("dd failed: " + output);
		}
		long elapsed = System.nanoTime() - started;
		// "0m0.001s 0m0.002s" for the shell, then the same for its children
		Matcher children = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$").matcher(output.strip());
		if (!children.find()) {
			throw new IllegalStateException("Unexpected output of times: " + output);
		}
		double cpuSeconds = Integer.parseInt(children.group(1)) * 60 + Double.parseDouble(children.group(2))
				+ Integer.parseInt(children.group(3)) * 60 + Double.parseDouble(children.group(4));
		return Run.of(blocks * 65536, elapsed, (long) (cpuSeconds * 1e9));
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
		List<Double> sorted = Arrays.stream(values).sorted().boxed().toList();
		return sorted.get(sorted.size() / 2);
	}

}
