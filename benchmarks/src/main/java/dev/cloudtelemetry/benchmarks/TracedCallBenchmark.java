package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import benchmarks.app.BenchmarkApplication;
import benchmarks.app.Greeter;
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
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.output.WriterStatsProvider;

/**
 * The caller-side cost of one call of a bean method through its Spring proxy: with the starter tracing
 * it (a {@code function_entry} and a {@code function_exit} event into a file), untraced, and with an
 * OpenTelemetry span or a Micrometer observation instead. Each {@code instrumentation} runs its own real
 * Spring Boot application.
 * <ul>
 * <li>{@code untraced}: the starter switched off ({@code telemetry.enabled=false}), no proxy</li>
 * <li>{@code spring-proxy}: a Spring AOP proxy whose only advice proceeds: the floor of any proxy-based
 * instrumentation</li>
 * <li>{@code telemetry-drop}: {@code telemetry.output.overflow=drop}: what the caller pays when it never
 * waits for the writer; the events dropped are printed after each iteration</li>
 * <li>{@code telemetry-drop-no-mdc}: the same with {@code telemetry.mdc.enabled=false}: what the MDC
 * costs</li>
 * <li>{@code telemetry-block}: the default {@code block}: the sustained cost when the writer thread is
 * the bottleneck</li>
 * <li>{@code telemetry-unsampled}: {@code telemetry.sampling.rate=0} without {@code keep-errors}: what a
 * call of a trace that is not sampled costs (ids kept, nothing built or queued)</li>
 * <li>{@code telemetry-unsampled-keep-errors}: rate 0 with {@code keep-errors}: the call's events are held
 * until it ends, then discarded</li>
 * <li>{@code opentelemetry}: {@link OpenTelemetrySpanAspect}, SDK with a batch span processor</li>
 * <li>{@code micrometer}: {@code @Observed} through {@code ObservedAspect}</li>
 * <li>{@code telemetry-drop-otlp}: {@code telemetry-drop} with OTLP export on, to an HTTP receiver on
 * 127.0.0.1 that counts and acknowledges ({@link OtlpExportBenchmark#httpReceiver})</li>
 * <li>{@code telemetry-drop-otlp-grpc}: the same over OTLP/gRPC, to a grpc-java receiver
 * ({@link OtlpExportBenchmark#grpcReceiver})</li>
 * <li>{@code telemetry-drop-3-args}: as {@code telemetry-drop}, calling a method of three arguments (a
 * {@code String}, an {@code int}, an enum)</li>
 * <li>{@code telemetry-drop-capture-3-args}: the same with {@code telemetry.methods.capture-arguments=true}:
 * what capturing three arguments costs the caller</li>
 * </ul>
 * After each iteration the benchmark prints the events written and dropped, and the caller's CPU time per
 * call ({@link ThreadCpu}), which on a loaded machine is the better measure of what a call costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracedCallBenchmark {

	@Param({ "untraced", "spring-proxy", "telemetry-drop", "telemetry-drop-no-mdc", "telemetry-block",
			"telemetry-unsampled", "telemetry-unsampled-keep-errors", "opentelemetry", "micrometer",
			"telemetry-drop-otlp", "telemetry-drop-otlp-grpc", "telemetry-drop-3-args", "telemetry-drop-capture-3-args" })
	public String instrumentation;

	private Path directory;

	private Path output;

	private ConfigurableApplicationContext context;

	private Greeter greeter;

	private WriterStatsProvider writer;

	private WriterStats before;

	private int input = 42;

	private com.sun.net.httpserver.HttpServer receiver;

	private io.grpc.Server grpcReceiver;

	private boolean threeArguments;

	private final String sku = "SKU-12345";

	@Setup(Level.Trial)
	public void startApplication() throws IOException {
		this.directory = Files.createTempDirectory("traced-call-benchmark");
		this.output = this.directory.resolve("telemetry.jsonl");
		// the span processor's "queue is full" warnings would cost the other core what they cost our writer
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"logging.level.root=warn", "logging.level.io.opentelemetry.sdk.trace.export=error", "spring.application.name=benchmark", "telemetry.metadata.enabled=false",
				"telemetry.output.path=" + this.output));
		List<Class<?>> sources = new ArrayList<>(List.of(BenchmarkApplication.class));
		switch (this.instrumentation) {
			case "telemetry-drop" -> properties.add("telemetry.output.overflow=drop");
			case "telemetry-drop-no-mdc" -> {
				properties.add("telemetry.output.overflow=drop");
				properties.add("telemetry.mdc.enabled=false");
			}
			case "telemetry-block" -> properties.add("telemetry.output.overflow=block");
			case "telemetry-drop-otlp" -> {
				properties.add("telemetry.output.overflow=drop");
				this.receiver = OtlpExportBenchmark.httpReceiver(new java.util.concurrent.atomic.AtomicLong());
				properties.add("telemetry.export.otlp.enabled=true");
				properties.add("telemetry.export.otlp.endpoint=http://127.0.0.1:" + this.receiver.getAddress().getPort());
			}
			case "telemetry-drop-otlp-grpc" -> {
				properties.add("telemetry.output.overflow=drop");
				this.grpcReceiver = OtlpExportBenchmark.grpcReceiver(new java.util.concurrent.atomic.AtomicLong());
				properties.add("telemetry.export.otlp.enabled=true");
				properties.add("telemetry.export.otlp.protocol=grpc");
				properties.add("telemetry.export.otlp.endpoint=http://127.0.0.1:" + this.grpcReceiver.getPort());
			}
			case "telemetry-unsampled" -> {
				properties.add("telemetry.output.overflow=drop");
				properties.add("telemetry.sampling.rate=0");
				properties.add("telemetry.sampling.keep-errors=false");
			}
			case "telemetry-unsampled-keep-errors" -> {
				properties.add("telemetry.output.overflow=drop");
				properties.add("telemetry.sampling.rate=0");
				properties.add("telemetry.sampling.keep-errors=true");
			}
			case "telemetry-drop-3-args" -> properties.add("telemetry.output.overflow=drop");
			case "telemetry-drop-capture-3-args" -> {
				properties.add("telemetry.output.overflow=drop");
				properties.add("telemetry.methods.capture-arguments=true");
			}
			case "untraced" -> properties.add("telemetry.enabled=false");
			case "spring-proxy" -> {
				properties.add("telemetry.enabled=false");
				sources.add(ComparisonConfigurations.NoOpProxyConfiguration.class);
			}
			case "opentelemetry" -> {
				properties.add("telemetry.enabled=false");
				sources.add(ComparisonConfigurations.OpenTelemetryConfiguration.class);
			}
			case "micrometer" -> {
				properties.add("telemetry.enabled=false");
				sources.add(ComparisonConfigurations.MicrometerConfiguration.class);
			}
			default -> throw new IllegalArgumentException("Unknown instrumentation " + this.instrumentation);
		}
		this.context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.greeter = this.context.getBean(Greeter.class);
		this.threeArguments = this.instrumentation.endsWith("3-args");
		boolean proxied = AopUtils.isAopProxy(this.greeter);
		if (proxied == this.instrumentation.equals("untraced")) {
			throw new IllegalStateException(this.instrumentation + ": the bean is " + (proxied ? "" : "not ")
					+ "proxied");
		}
		if (this.instrumentation.startsWith("telemetry")) {
			this.writer = this.context.getBean(WriterStatsProvider.class);
			if (!this.instrumentation.startsWith("telemetry-unsampled")) {
				checkEventsAreWritten();
			}
		}
	}

	private void checkEventsAreWritten() {
		this.greeter.greet(1);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.writer.stats().written() < 2) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No events written: " + this.writer.stats());
			}
			Thread.onSpinWait();
		}
	}

	@Setup(Level.Iteration)
	public void truncateOutput() throws IOException {
		// keeps the file (and the disk) small; the target appends, so it goes on writing at the new end
		if (Files.exists(this.output)) {
			try (FileChannel channel = FileChannel.open(this.output, StandardOpenOption.WRITE)) {
				channel.truncate(0);
			}
		}
		if (this.writer != null) {
			this.before = this.writer.stats();
		}
	}

	@TearDown(Level.Iteration)
	public void reportDrops() {
		if (this.writer != null) {
			WriterStats after = this.writer.stats();
			long written = after.written() - this.before.written();
			long dropped = after.dropped() - this.before.dropped();
			System.out.printf("%n[%s] events written %,d, dropped %,d (%.1f%% of emitted)%n", this.instrumentation,
					written, dropped, (written + dropped > 0) ? 100.0 * dropped / (written + dropped) : 0.0);
		}
		if (this.receiver != null || this.grpcReceiver != null) {
			dev.cloudtelemetry.output.otlp.OtlpExportStats otlp = this.context
				.getBean(dev.cloudtelemetry.output.otlp.OtlpExporter.class)
				.stats();
			System.out.printf("[otlp] spans produced %,d, exported %,d, dropped %s%n", otlp.produced(), otlp.exported(),
					otlp.dropped());
		}
	}

	@TearDown(Level.Trial)
	public void stopApplication() throws IOException {
		if (this.context != null) {
			this.context.close();
		}
		if (this.receiver != null) {
			this.receiver.stop(0);
		}
		if (this.grpcReceiver != null) {
			this.grpcReceiver.shutdownNow();
		}
		if (this.directory != null) {
			// rotated files too: a directory left behind failed the trial's last iteration
			try (var files = Files.list(this.directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(this.directory);
		}
	}

	/**
	 * A call returning a {@code Mono}, subscribed to at once ({@code block()} on a value that is already there):
	 * the decoration of a reactive result and the span's end on its signal, on the caller's thread.
	 */
	@Benchmark
	public void reactiveCall(Blackhole blackhole, ThreadCpu cpu) {
		blackhole.consume(this.greeter.greetLater(this.input).block());
		cpu.operations++;
	}

	@Benchmark
	public void call(Blackhole blackhole, ThreadCpu cpu) {
		if (this.threeArguments) {
			blackhole.consume(this.greeter.quote(this.sku, this.input, java.time.DayOfWeek.MONDAY));
		}
		else {
			blackhole.consume(this.greeter.greet(this.input));
		}
		cpu.operations++;
	}

}
