package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.await;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.spans;
import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.bytes;
import static dev.cloudtelemetry.output.otlp.TestLines.exit;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RetryAfterHttpSender} goes through the proxy the official JDK sender would (the exporter builder's
 * {@code ProxyOptions}, else the JVM's default proxy selector) and lets go of its client at shutdown: a real
 * forwarding HTTP proxy and a real receiver on 127.0.0.1.
 */
class RetryAfterHttpSenderTests {

	private final OtlpHttpReceiver receiver;

	private final ForwardingProxy proxy;

	RetryAfterHttpSenderTests() throws IOException {
		this.receiver = new OtlpHttpReceiver();
		this.proxy = new ForwardingProxy();
	}

	@AfterEach
	void stop() {
		this.receiver.close();
		this.proxy.close();
	}

	private OtlpExportSettings settings() {
		return new OtlpExportSettings(this.receiver.endpoint(), 100, 10, Duration.ofMillis(10), Duration.ofSeconds(5),
				Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofSeconds(5), null);
	}

	private void exportOneSpan(SpanExporter delegate) throws InterruptedException {
		try (OtlpExporter exporter = new OtlpExporter(delegate, settings())) {
			byte[] line = bytes(exit(spanId(1), null, "OrderService.place", START, 5, "INFO"));
			exporter.export(line, 0, line.length);
			await(() -> exporter.stats().exported() == 1);
		}
	}

	/**
	 * The collector's answers do not depend on the common ForkJoinPool: {@code HttpClient.sendAsync} completes
	 * its future there, so with every worker of that pool busy (an application's parallel stream, or a shutdown
	 * hook run by {@code CompletableFuture.runAsync}) an answer waited for the export's timeout, again and again.
	 * Seen on JDK 25 when the exporter was closed from a task of that pool.
	 */
	@Test
	void answersArriveWhileEveryWorkerOfTheCommonPoolIsBusy() throws Exception {
		Object release = new Object();
		boolean[] released = { false };
		int workers = ForkJoinPool.getCommonPoolParallelism() + 2;
		List<CompletableFuture<Void>> busy = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			busy.add(CompletableFuture.runAsync(() -> {
				synchronized (release) {
					while (!released[0]) {
						try {
							release.wait();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				}
			}));
		}
		try {
			exportOneSpan(OtlpHttpSpanExporter.builder()
				.setEndpoint(this.receiver.endpoint())
				.setRetryPolicy(null)
				.setComponentLoader(RetryAfterHttpSender.loader())
				.build());
			assertThat(busy).as("the common pool was still busy").noneMatch(CompletableFuture::isDone);
		}
		finally {
			synchronized (release) {
				released[0] = true;
				release.notifyAll();
			}
		}
		assertThat(spans(this.receiver.requests())).hasSize(1);
	}

	@Test
	void requestsGoThroughTheProxyOfTheExporterBuilder() throws Exception {
		exportOneSpan(OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.endpoint())
			.setRetryPolicy(null)
			.setProxy(ProxyOptions.create(this.proxy.address()))
			.setComponentLoader(RetryAfterHttpSender.loader())
			.build());
		assertThat(spans(this.receiver.requests())).hasSize(1);
		// a retry on a loaded machine goes through the proxy too
		assertThat(this.proxy.forwarded()).isNotEmpty().containsOnly(this.receiver.endpoint());
	}

	@Test
	void withoutProxyOptionsRequestsGoThroughTheJvmDefaultProxySelector() throws Exception {
		ProxySelector before = ProxySelector.getDefault();
		SpanExporter delegate;
		ProxySelector.setDefault(ProxySelector.of(this.proxy.address()));
		try {
			// JDK 17 takes the default selector when the client is built, later JDKs when it sends
			delegate = OtlpHttpSpanExporter.builder()
				.setEndpoint(this.receiver.endpoint())
				.setRetryPolicy(null)
				.setComponentLoader(RetryAfterHttpSender.loader())
				.build();
			exportOneSpan(delegate);
		}
		finally {
			ProxySelector.setDefault(before);
		}
		assertThat(this.proxy.forwarded()).isNotEmpty().containsOnly(this.receiver.endpoint());
	}

	@Test
	void shutdownLetsGoOfTheClientAndClosesItWhereTheJdkCan() throws Exception {
		RetryAfterHttpSender sender = new RetryAfterHttpSender(new Config(URI.create(this.receiver.endpoint())));
		assertThat(send(sender).get(10, TimeUnit.SECONDS)).isEqualTo(200);
		HttpClient client = sender.client();
		assertThat(client).isNotNull();
		assertThat(sender.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(sender.client()).isNull();
		if (Runtime.version().feature() >= 21) {
			// HttpClient.isTerminated() is Java 21 API; the starter is compiled for 17
			assertThat(HttpClient.class.getMethod("isTerminated").invoke(client)).isEqualTo(true);
		}
		CompletableFuture<Object> after = send(sender);
		assertThat(after.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
		assertThat(this.receiver.arrivals()).as("nothing sent after shutdown").hasSize(1);
	}

	/** @return the status of the answer, or the failure */
	private static CompletableFuture<Object> send(RetryAfterHttpSender sender) {
		CompletableFuture<Object> outcome = new CompletableFuture<>();
		sender.send(new MessageWriter() {

			@Override
			public void writeMessage(OutputStream output) {
				// an empty ExportTraceServiceRequest
			}

			@Override
			public int getContentLength() {
				return 0;
			}

		}, (HttpResponse response) -> outcome.complete(response.getStatusCode()), outcome::complete);
		return outcome;
	}

	/** An HTTP proxy on 127.0.0.1 forwarding each request to the URL of its request line, as a real one does. */
	static final class ForwardingProxy implements AutoCloseable {

		private final HttpServer server;

		private final ConcurrentLinkedQueue<String> forwarded = new ConcurrentLinkedQueue<>();

		ForwardingProxy() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/", this::forward);
			this.server.start();
		}

		InetSocketAddress address() {
			return new InetSocketAddress("127.0.0.1", this.server.getAddress().getPort());
		}

		/** The absolute URLs of the requests forwarded. */
		List<String> forwarded() {
			return List.copyOf(this.forwarded);
		}

		private void forward(HttpExchange exchange) throws IOException {
			try (exchange) {
				URI target = exchange.getRequestURI();
				if (!target.isAbsolute()) {
					exchange.sendResponseHeaders(400, -1);
					return;
				}
				this.forwarded.add(target.toString());
				HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
				connection.setRequestMethod(exchange.getRequestMethod());
				for (String header : List.of("Content-Type", "Content-Encoding")) {
					String value = exchange.getRequestHeaders().getFirst(header);
					if (value != null) {
						connection.setRequestProperty(header, value);
					}
				}
				connection.setDoOutput(true);
				try (OutputStream out = connection.getOutputStream()) {
					exchange.getRequestBody().transferTo(out);
				}
				int status = connection.getResponseCode();
				InputStream answer = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
				byte[] body = (answer != null) ? answer.readAllBytes() : new byte[0];
				exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
				exchange.getResponseBody().write(body);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	/** What the exporter builder hands a sender: OTLP/HTTP protobuf to the endpoint, nothing else set. */
	private record Config(URI endpoint) implements HttpSenderConfig {

		@Override
		public URI getEndpoint() {
			return this.endpoint;
		}

		@Override
		public String getContentType() {
			return "application/x-protobuf";
		}

		@Override
		public Compressor getCompressor() {
			return null;
		}

		@Override
		public Duration getTimeout() {
			return Duration.ofSeconds(5);
		}

		@Override
		public Duration getConnectTimeout() {
			return Duration.ofSeconds(5);
		}

		@Override
		public Supplier<Map<String, List<String>>> getHeadersSupplier() {
			return Map::of;
		}

		@Override
		public ProxyOptions getProxyOptions() {
			return null;
		}

		@Override
		public RetryPolicy getRetryPolicy() {
			return null;
		}

		@Override
		public SSLContext getSslContext() {
			return null;
		}

		@Override
		public X509TrustManager getTrustManager() {
			return null;
		}

		@Override
		public ExecutorService getExecutorService() {
			return null;
		}

	}

}
