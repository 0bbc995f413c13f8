package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * An OTLP/HTTP receiver as a Collector's {@code otlp} receiver answers: {@code POST /v1/traces} with an
 * {@code application/x-protobuf} (optionally gzip) {@code ExportTraceServiceRequest}, 200 with an
 * {@code ExportTraceServiceResponse}; scripted failures answer 429 or 503 with {@code Retry-After}.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

	private volatile HttpServer server;

	private final int port;

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private volatile String retryAfter = "1";

	private final ConcurrentLinkedQueue<ExportTraceServiceRequest> requests = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<List<String>> headers = new ConcurrentLinkedQueue<>();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicLong wireBytes = new AtomicLong();

	private volatile int refuseWith;

	/** While set, each request waits for it before it is answered (a slow or distant Collector). */
	private volatile CountDownLatch answers = new CountDownLatch(0);

	private final AtomicInteger waiting = new AtomicInteger();

	/** Requests still accepted before every request answers {@link #refuseWith}; -1: no such limit. */
	private final AtomicInteger acceptsLeft = new AtomicInteger(-1);

	/** The threads that answer, shared by every start on the port, stopped by {@link #close()}. */
	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "otlp-http-receiver");
		thread.setDaemon(true);
		return thread;
	});

	public OtlpHttpReceiver() throws IOException {
		this.server = start(0);
		this.port = this.server.getAddress().getPort();
	}

	private HttpServer start(int port) throws IOException {
		HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		started.createContext("/v1/traces", this::handle);
		// a Collector answers requests of several connections at once
		started.setExecutor(this.executor);
		started.start();
		return started;
	}

	/** Closes the port, as a Collector that is down: connections are refused until {@link #up()}. */
	public void down() {
		this.server.stop(0);
	}

	/** Listens again on the same port. */
	public void up() throws IOException {
		this.server = start(this.port);
	}

	/** The {@code Retry-After} value of refused requests ({@code 1} unless set): seconds or an HTTP-date. */
	public void retryAfter(String value) {
		this.retryAfter = value;
	}

	/** When each request arrived ({@link System#nanoTime()}), in order. */
	public List<Long> arrivals() {
		return new ArrayList<>(this.arrivals);
	}

	/** The URL to export to. */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port + "/v1/traces";
	}

	/** The next requests answer these statuses (with {@code Retry-After}), one each. */
	public void failNext(int... statuses) {
		for (int status : statuses) {
			this.failures.add(status);
		}
	}

	/** Every request answers this status (with {@code Retry-After}) until {@link #accept()}. */
	public void refuse(int status) {
		this.refuseWith = status;
	}

	public void accept() {
		this.refuseWith = 0;
		this.acceptsLeft.set(-1);
	}

	/**
	 * Accepts the next {@code requests} requests, then answers every later one with this status (with
	 * {@code Retry-After}) until {@link #accept()}: a collector failing between two batches.
	 */
	public void refuseAfter(int requests, int status) {
		this.acceptsLeft.set(requests);
		this.refuseWith = status;
	}

	/** Requests arriving from now on wait for {@link #release()} before they are answered. */
	public void holdAnswers() {
		this.answers = new CountDownLatch(1);
	}

	/** Answers the requests held by {@link #holdAnswers()}, and the later ones at once. */
	public void release() {
		this.answers.countDown();
	}

	/** Requests that arrived and wait to be answered. */
	public int waitingRequests() {
		return this.waiting.get();
	}

	public int refusedRequests() {
		return this.refused.get();
	}

	public List<ExportTraceServiceRequest> requests() {
		return new ArrayList<>(this.requests);
	}

	public List<List<String>> authorizationHeaders() {
		return new ArrayList<>(this.headers);
	}

	public long wireBytes() {
		return this.wireBytes.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.arrivals.add(System.nanoTime());
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.waiting.incrementAndGet();
			try {
				this.answers.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.waiting.decrementAndGet();
			}
			this.wireBytes.addAndGet(body.length);
			List<String> authorization = exchange.getRequestHeaders().get("Authorization");
			this.headers.add((authorization != null) ? authorization : List.of());
			Integer failure = this.failures.poll();
			int status = (failure != null) ? failure : this.refuseWith;
			if (failure == null && status != 0 && this.acceptsLeft.getAndUpdate((n) -> (n > 0) ? n - 1 : n) > 0) {
				status = 0;
			}
			if (!"POST".equals(exchange.getRequestMethod())
					|| !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
				exchange.sendResponseHeaders(415, -1);
				return;
			}
			if (status != 0) {
				this.refused.incrementAndGet();
				exchange.getResponseHeaders().add("Retry-After", this.retryAfter);
				exchange.sendResponseHeaders(status, -1);
				return;
			}
			InputStream in = new java.io.ByteArrayInputStream(body);
			if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				in = new GZIPInputStream(in);
			}
			this.requests.add(ExportTraceServiceRequest.parseFrom(in));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length == 0) ? -1 : response.length);
			exchange.getResponseBody().write(response);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
