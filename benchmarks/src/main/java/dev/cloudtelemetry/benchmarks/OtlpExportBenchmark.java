package dev.cloudtelemetry.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.ThreadMXBean;
import com.sun.net.httpserver.HttpServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.output.otlp.OtlpExportSettings;
import dev.cloudtelemetry.output.otlp.OtlpExporter;
import dev.cloudtelemetry.output.otlp.RetryAfterHttpSender;
import dev.cloudtelemetry.output.otlp.RetryInfoGrpcSender;
import dev.cloudtelemetry.resource.Resource;

/**
 * Spans per second that the OTLP exporter's one thread parses, maps and sends to a local receiver, per
 * protocol and HTTP sender, gzip off. One operation is one span: an invocation hands the exporter 4,096 real
 * encoded lines (2,048 {@code function_entry}/{@code function_exit} pairs of a service on EKS, about 1.8 KB a
 * line) in 64 KiB batches, as the writer thread does, and waits until the receiver has acknowledged all
 * 2,048 spans. The receivers only count the request bytes (HTTP: the JDK server; gRPC: grpc-java with a byte
 * marshaller) and answer an empty {@code ExportTraceServiceResponse}.
 * <p>
 * After each iteration it prints the exporter thread's CPU time and allocation per span and the bytes per
 * span on the wire ({@code [exporter-cpu]}); on a shared machine the CPU figure is the measure of the one
 * thread's capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtlpExportBenchmark {

	private static final int LINES = 4096;

	private static final int SPANS = LINES / 2;

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	/**
	 * {@code http-okhttp}, {@code http-jdk} (OTLP/HTTP protobuf by each official sender), {@code grpc} (the
	 * official OkHttp gRPC sender); {@code http-starter}, {@code grpc-starter}: the senders the starter puts in
	 * (the JDK-based {@code RetryAfterHttpSender}, the OkHttp-based {@code RetryInfoGrpcSender} with
	 * {@code TCP_NODELAY}), as an application gets them; {@code none}: an exporter that takes the spans and sends
	 * nothing, so that the exporter thread's figure is the starter's own work (reading and mapping the lines)
	 * without the official exporter's marshalling.
	 */
	@Param({ "http-okhttp", "http-jdk", "http-starter", "grpc", "grpc-starter", "none" })
	public String transport;

	/**
	 * How many invocations' spans may still be on their way when an invocation returns: {@code 0} waits until the
	 * receiver has acknowledged every span of the invocation (each invocation is then a round trip, and the last
	 * batch of each is sent with nothing left to map meanwhile); {@code 1} keeps the exporter fed as an application
	 * under steady load does (one invocation's 4,096 lines queued while the previous one is exported, well within
	 * the queue of 16,384 lines), which measures the sustained rate. The score counts spans handed over; with
	 * {@code 1} it exceeds the spans acknowledged by at most 2,048 per iteration, about 0.5 %.
	 */
	@Param({ "1", "0" })
	public int outstanding;

	/**
	 * {@code telemetry.export.otlp.max-in-flight}: export requests on their way at once ({@code 4}, the default;
	 * {@code 2}, the default before it; {@code 1}, one at a time, as before the setting existed).
	 */
	@Param({ "4", "2", "1" })
	public int inFlight;

	private final AtomicLong wireBytes = new AtomicLong();

	private byte[] lines;

	private int[] batchEnds;

	private HttpServer httpServer;

	private Server grpcServer;

	private OtlpExporter exporter;

	private long exporterThread;

	private long cpuStart;

	private long allocatedStart;

	private long wireStart;

	private long spansStart;

	/** CPU time of the calling thread in {@link OtlpExporter#export} (the writer thread's share in an application). */
	private long handOverCpu;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		Resource resource = BenchmarkEvents.resource();
		TelemetryEvent[] events = BenchmarkEvents.methodEvents(LINES);
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		JsonWriter buffer = new JsonWriter(LINES * 2048);
		java.util.List<Integer> ends = new java.util.ArrayList<>();
		int batchStart = 0;
		for (int i = 0; i < LINES; i++) {
			encoder.encode(events[i], i + 1, buffer);
			if (buffer.length() - batchStart >= 64 * 1024 || i == LINES - 1) {
				ends.add(buffer.length());
				batchStart = buffer.length();
			}
		}
		this.lines = java.util.Arrays.copyOf(buffer.buffer(), buffer.length());
		this.batchEnds = ends.stream().mapToInt(Integer::intValue).toArray();
		SpanExporter delegate;
		if (this.transport.equals("none")) {
			delegate = new NoopSpanExporter();
		}
		else if (this.transport.startsWith("grpc")) {
			this.grpcServer = grpcReceiver(this.wireBytes);
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
				.setEndpoint("http://127.0.0.1:" + this.grpcServer.getPort())
				.setRetryPolicy(null);
			if (this.transport.equals("grpc-starter")) {
				builder.setComponentLoader(RetryInfoGrpcSender.loader());
			}
			delegate = builder.build();
		}
		else if (this.transport.equals("http-starter")) {
			this.httpServer = httpReceiver(this.wireBytes);
			delegate = OtlpHttpSpanExporter.builder()
				.setEndpoint("http://127.0.0.1:" + this.httpServer.getAddress().getPort() + "/v1/traces")
				.setRetryPolicy(null)
				.setComponentLoader(RetryAfterHttpSender.loader())
				.build();
		}
		else {
			System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
					this.transport.equals("http-jdk") ? "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider"
							: "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider");
			this.httpServer = httpReceiver(this.wireBytes);
			delegate = OtlpHttpSpanExporter.builder()
				.setEndpoint("http://127.0.0.1:" + this.httpServer.getAddress().getPort() + "/v1/traces")
				.setRetryPolicy(null)
				.build();
		}
		this.exporter = new OtlpExporter(delegate, new OtlpExportSettings(this.transport, LINES * 4, 512,
				Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(1), 10_000,
				Duration.ofSeconds(10), null, this.inFlight));
		this.exporterThread = exporterThread();
		System.out.printf("%nLine of %d bytes on average%n", this.lines.length / LINES);
	}

	/** The id of the newest exporter thread. */
	static long exporterThread() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("telemetry-otlp-exporter"))
			.mapToLong(Thread::getId)
			.max()
			.orElseThrow();
	}

	/** An OTLP/HTTP receiver on 127.0.0.1 that counts the request bytes and acknowledges every request. */
	static HttpServer httpReceiver(AtomicLong wireBytes) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange) {
				wireBytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, -1);
			}
		});
		server.start();
		return server;
	}

	/** An OTLP/gRPC receiver on 127.0.0.1 (grpc-java) that counts the request bytes and acknowledges every request. */
	static Server grpcReceiver(AtomicLong wireBytes) throws IOException {
		MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {

			@Override
			public InputStream stream(byte[] value) {
				return new ByteArrayInputStream(value);
			}

			@Override
			public byte[] parse(InputStream stream) {
				try {
					return stream.readAllBytes();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}

		};
		MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
			.setRequestMarshaller(bytes)
			.setResponseMarshaller(bytes)
			.build();
		ServerServiceDefinition service = ServerServiceDefinition
			.builder("opentelemetry.proto.collector.trace.v1.TraceService")
			.addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
				wireBytes.addAndGet(request.length);
				response.onNext(new byte[0]);
				response.onCompleted();
			}))
			.build();
		return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
	}

	@Setup(Level.Iteration)
	public void startIteration() {
		this.cpuStart = threads.getThreadCpuTime(this.exporterThread);
		this.allocatedStart = threads.getThreadAllocatedBytes(this.exporterThread);
		this.wireStart = this.wireBytes.get();
		this.spansStart = this.exporter.stats().exported();
		this.handOverCpu = 0;
	}

	@TearDown(Level.Iteration)
	public void report() {
		// with outstanding invocations, let the iteration's spans arrive before the figures are read
		long handed = this.exporter.stats().produced();
		while (this.exporter.stats().exported() + this.exporter.stats().droppedTotal() < handed) {
			LockSupport.parkNanos(100_000);
		}
		long spans = this.exporter.stats().exported() - this.spansStart;
		if (spans > 0) {
			double cpu = (double) (threads.getThreadCpuTime(this.exporterThread) - this.cpuStart) / spans;
			System.out.printf(
					"%n[exporter-cpu] %,d spans, exporter thread CPU %.0f ns/span (%,.0f spans per CPU-second), "
							+ "allocated %.0f B/span, on the wire %.0f B/span, dropped %d; hand-over on the writer's side "
							+ "%.0f ns/span%n",
					spans, cpu, 1e9 / cpu,
					(double) (threads.getThreadAllocatedBytes(this.exporterThread) - this.allocatedStart) / spans,
					(double) (this.wireBytes.get() - this.wireStart) / spans, this.exporter.stats().droppedTotal(),
					(double) this.handOverCpu / spans);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		this.exporter.close();
		if (this.httpServer != null) {
			this.httpServer.stop(0);
		}
		if (this.grpcServer != null) {
			this.grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Benchmark
	@OperationsPerInvocation(SPANS)
	public void exportSpans() throws InterruptedException {
		long cpu = threads.getCurrentThreadCpuTime();
		int start = 0;
		for (int end : this.batchEnds) {
			this.exporter.export(this.lines, start, end - start);
			start = end;
		}
		this.handOverCpu += threads.getCurrentThreadCpuTime() - cpu;
		long target = this.exporter.stats().produced() - (long) this.outstanding * SPANS;
		while (this.exporter.stats().exported() < target) {
			if (this.exporter.stats().droppedTotal() > 0) {
				throw new IllegalStateException("spans dropped: " + this.exporter.stats());
			}
			// not a busy wait: on two cores a spinning thread would take the CPU the exporter and receiver need
			// (and each look at the counters builds a snapshot); with spans outstanding, the exporter has
			// milliseconds of work queued, so the benchmark thread looks less often
			LockSupport.parkNanos((this.outstanding > 0) ? 200_000 : 20_000);
		}
	}

}
