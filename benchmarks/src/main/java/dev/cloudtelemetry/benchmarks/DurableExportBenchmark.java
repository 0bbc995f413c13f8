package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.sun.management.ThreadMXBean;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.Rotation;
import dev.cloudtelemetry.output.otlp.DurableOtlpExporter;
import dev.cloudtelemetry.output.otlp.OtlpExportSettings;
import dev.cloudtelemetry.output.otlp.RetryAfterHttpSender;
import dev.cloudtelemetry.resource.Resource;

/**
 * Durable OTLP export: spans shipped from JSONL files on disk (written by the real {@link FileExporter}) by the
 * exporter's one thread, gzip off. JMH's score counts invocations: one span each for {@code trickle}, 2,048 for
 * {@code bulk}.
 * <ul>
 * <li>{@code mode=bulk}: an invocation appends 2,048 {@code function_entry}/{@code function_exit} pairs of a
 * service on EKS (about 1.7 KB a line) in 64 KiB writes, waking the exporter after each as the writer thread
 * does, and waits until the collector acknowledged the 2,048 spans (batches of 512).</li>
 * <li>{@code mode=trickle}: an invocation appends one pair and waits until its span is acknowledged (batches of
 * one, no schedule delay): what a quiet application costs per wake-up, including the checkpoint write.</li>
 * </ul>
 * {@code transport}: {@code http} sends OTLP/HTTP protobuf through {@link RetryAfterHttpSender} to a JDK
 * {@code HttpServer} on 127.0.0.1 that counts the bytes and acknowledges; {@code none} takes the spans and
 * sends nothing (the exporter's own work: reading, mapping, checkpoint). {@code rotated}: rotated
 * {@code .jsonl.gz} files beside the active one (a day of rotation kept by {@code max-history}).
 * <p>
 * After each iteration {@code [exporter-cpu]} prints the exporter thread's CPU time and allocation per span.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableExportBenchmark {

	private static final int LINES = 4096;

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	@Param({ "bulk", "trickle" })
	public String mode;

	@Param({ "http", "none" })
	public String transport;

	@Param({ "0", "50" })
	public int rotated;

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong wireBytes = new AtomicLong();

	private Path dir;

	private byte[] lines;

	private int[] batchEnds;

	private int[] pairEnds;

	private int pair;

	private HttpServer httpServer;

	private FileExporter file;

	private DurableOtlpExporter exporter;

	private long exporterThread;

	private long cpuStart;

	private long allocatedStart;

	private long spansStart;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		Resource resource = BenchmarkEvents.resource();
		TelemetryEvent[] events = BenchmarkEvents.methodEvents(LINES);
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		JsonWriter buffer = new JsonWriter(LINES * 2048);
		List<Integer> batches = new ArrayList<>();
		List<Integer> pairs = new ArrayList<>();
		int batchStart = 0;
		for (int i = 0; i < LINES; i++) {
			encoder.encode(events[i], i + 1, buffer);
			if (i % 2 == 1) {
				pairs.add(buffer.length());
			}
			if (buffer.length() - batchStart >= 64 * 1024 || i == LINES - 1) {
				batches.add(buffer.length());
				batchStart = buffer.length();
			}
		}
		this.lines = java.util.Arrays.copyOf(buffer.buffer(), buffer.length());
		this.batchEnds = batches.stream().mapToInt(Integer::intValue).toArray();
		this.pairEnds = pairs.stream().mapToInt(Integer::intValue).toArray();
		this.dir = Files.createTempDirectory("durable-export");
		Path active = this.dir.resolve("telemetry.jsonl");
		for (int i = 0; i < this.rotated; i++) {
			Path old = this.dir.resolve(String.format("telemetry-20261130-%06d-000.jsonl.gz", i));
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(old))) {
				// no span to ship, but a file to list and to know by its first line
				out.write(("{\"rotated\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		boolean bulk = this.mode.equals("bulk");
		SpanExporter delegate;
		if (this.transport.equals("http")) {
			this.httpServer = OtlpExportBenchmark.httpReceiver(this.wireBytes);
			delegate = OtlpHttpSpanExporter.builder()
				.setEndpoint("http://127.0.0.1:" + this.httpServer.getAddress().getPort() + "/v1/traces")
				.setRetryPolicy(null)
				.setComponentLoader(RetryAfterHttpSender.loader())
				.build();
		}
		else {
			delegate = new NoopSpanExporter();
		}
		this.exporter = new DurableOtlpExporter(new Counting(delegate, this.acknowledged),
				new OtlpExportSettings(this.transport, 1, bulk ? 512 : 1, Duration.ofMillis(bulk ? 5 : 0),
						Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(1), 10_000,
						Duration.ofSeconds(10), null),
				active);
		this.file = new FileExporter(active, new Rotation(1L << 30, 100, 1L << 40, null, false), false, this.exporter);
		this.exporterThread = OtlpExportBenchmark.exporterThread();
	}

	@Setup(Level.Iteration)
	public void startIteration() {
		this.cpuStart = threads.getThreadCpuTime(this.exporterThread);
		this.allocatedStart = threads.getThreadAllocatedBytes(this.exporterThread);
		this.spansStart = this.acknowledged.get();
	}

	@TearDown(Level.Iteration)
	public void report() {
		long spans = this.acknowledged.get() - this.spansStart;
		if (spans > 0) {
			double cpu = (double) (threads.getThreadCpuTime(this.exporterThread) - this.cpuStart) / spans;
			System.out.printf(
					"%n[exporter-cpu] %,d spans, exporter thread CPU %.0f ns/span (%,.0f spans per CPU-second), "
							+ "allocated %.0f B/span%n",
					spans, cpu, 1e9 / cpu,
					(double) (threads.getThreadAllocatedBytes(this.exporterThread) - this.allocatedStart) / spans);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.file.close();
		this.exporter.close();
		if (this.httpServer != null) {
			this.httpServer.stop(0);
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	/** One span, or 2,048 in bulk mode. */
	@Benchmark
	public void shipSpans() throws IOException {
		long target;
		if (this.mode.equals("bulk")) {
			target = this.acknowledged.get() + LINES / 2;
			int start = 0;
			for (int end : this.batchEnds) {
				append(start, end);
				start = end;
			}
		}
		else {
			target = this.acknowledged.get() + 1;
			int start = (this.pair == 0) ? 0 : this.pairEnds[this.pair - 1];
			append(start, this.pairEnds[this.pair]);
			this.pair = (this.pair + 1) % this.pairEnds.length;
		}
		while (this.acknowledged.get() < target) {
			Thread.onSpinWait();
		}
	}

	private void append(int start, int end) throws IOException {
		this.file.export(this.lines, start, end - start);
		this.exporter.export(this.lines, start, end - start);
	}

	/** Counts the spans the collector acknowledged, without asking the exporter (its state lists the files). */
	private record Counting(SpanExporter delegate, AtomicLong acknowledged) implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			CompletableResultCode result = this.delegate.export(spans);
			result.whenComplete(() -> {
				if (result.isSuccess()) {
					this.acknowledged.addAndGet(spans.size());
				}
			});
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

	}

}
