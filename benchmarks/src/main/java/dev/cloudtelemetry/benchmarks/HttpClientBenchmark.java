package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import benchmarks.http.HttpBenchmarkApplication;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Cost the starter adds to a {@link RestClient} call: the same GET against a JDK {@link HttpServer} on
 * 127.0.0.1 answering a two-byte 200, from a context with {@code telemetry.enabled=false} and from one with
 * the starter on (events to a temporary file, overflow dropped, no metadata probe). The client is called
 * directly, so no traced application bean adds method-tracing cost. The {@code in-memory} transport
 * answers without I/O (same response), to show the added cost without the round trip's noise. With
 * {@code -Dbench.overflow=block} (through {@code -jvmArgsAppend}) the application waits for the writer
 * instead of dropping events when its queue is full: every event is encoded and written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpClientBenchmark {

	private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

	/**
	 * {@code disabled}: the starter off; {@code noop-interceptor}: the starter off and one interceptor that
	 * only proceeds (Spring's own cost of intercepting); {@code enabled}: the starter on.
	 */
	@Param({ "disabled", "noop-interceptor", "enabled" })
	public String telemetry;

	/**
	 * {@code loopback}: the JDK HttpClient against the local server; {@code in-memory}: a request factory
	 * that answers at once, which isolates the client and interceptor cost from the network's noise.
	 */
	@Param({ "loopback", "in-memory" })
	public String transport;

	private HttpServer server;

	private ExecutorService serverThreads;

	private Path directory;

	private Path events;

	private ConfigurableApplicationContext context;

	private RestClient restClient;

	private URI uri;

	@Setup(Level.Trial)
	public void start() throws IOException {
		// without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK and
		// every call takes about 40 ms; read once, when the server classes load
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.serverThreads = Executors.newFixedThreadPool(2);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/hello", HttpClientBenchmark::answer);
		this.server.setExecutor(this.serverThreads);
		this.server.start();
		this.uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hello");
		this.directory = Files.createTempDirectory("http-bench");
		this.events = this.directory.resolve("events.jsonl");
		String overflow = System.getProperty("bench.overflow", "drop");
		this.context = new SpringApplicationBuilder(HttpBenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.application.name=http-bench", "telemetry.enabled=" + "enabled".equals(this.telemetry),
					"telemetry.output.path=" + this.events, "telemetry.output.overflow=" + overflow,
					"telemetry.metadata.enabled=false", "bench.http.transport=" + this.transport,
					"bench.http.noop-interceptor=" + "noop-interceptor".equals(this.telemetry))
			.run();
		this.restClient = this.context.getBean(RestClient.class);
		String body = get();
		if (!"ok".equals(body)) {
			throw new IllegalStateException("Unexpected body " + body);
		}
	}

	@Benchmark
	public String call(ThreadCpu cpu) {
		cpu.operations++;
		return get();
	}

	private String get() {
		return this.restClient.get().uri(this.uri).retrieve().body(String.class);
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		String writer = IntegrationChecks.writerStats(this.context);
		this.context.close();
		System.out.printf("%ntelemetry %s: %s%n", this.telemetry, writer);
		System.out.printf("%ntelemetry %s: %d HTTP client events among the first 1000 lines written%n", this.telemetry,
				IntegrationChecks.countLines(this.events, "\"event_type\":\"http_", "\"span.kind\":\"client\""));
		this.server.stop(0);
		this.serverThreads.shutdownNow();
		Files.deleteIfExists(this.events);
		Files.deleteIfExists(this.directory);
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
		}
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, BODY.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(BODY);
		}
	}

}
