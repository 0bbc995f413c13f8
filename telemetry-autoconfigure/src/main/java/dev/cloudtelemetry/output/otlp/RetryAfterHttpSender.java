package dev.cloudtelemetry.output.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP/HTTP sender of {@code OtlpHttpSpanExporter}, on the JDK's {@link HttpClient}, that keeps the
 * {@code Retry-After} of a refused request ({@link Response#retryAfter()}). The official senders (OkHttp, JDK)
 * hand the exporter only a response's status and body, so the header cannot be had by wrapping them; this
 * sender is put in their place through the exporter builder's component loader ({@link #loader()}). It sends
 * what the builder configured: endpoint, content type, compression, headers, timeouts, TLS context, proxy (the
 * builder's {@code ProxyOptions}, else the JVM's default proxy selector, as the official JDK sender does). Like
 * the official senders it writes the protobuf body on a thread of its own, not on the exporter thread that calls
 * {@link #send}; that thread also waits for the answer, so that no answer depends on the common ForkJoinPool.
 */
public final class RetryAfterHttpSender implements HttpSender {

	private static final ComponentLoader LOADER = new ComponentLoader() {

		@Override
		@SuppressWarnings("unchecked")
		public <T> Iterable<T> load(Class<T> type) {
			if (type == HttpSenderProvider.class) {
				return List.of((T) (HttpSenderProvider) RetryAfterHttpSender::new);
			}
			return Collections.emptyList();
		}

	};

	/**
	 * @return a component loader offering this sender, and nothing else, as the {@link HttpSenderProvider}
	 * of an exporter builder ({@code OtlpHttpSpanExporterBuilder.setComponentLoader})
	 */
	public static ComponentLoader loader() {
		return LOADER;
	}

	private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 403,
			"Forbidden", 404, "Not Found", 413, "Payload Too Large", 415, "Unsupported Media Type", 429,
			"Too Many Requests", 502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout");

	private final HttpSenderConfig config;

	/**
	 * The threads that build the requests (the protobuf body is written off the exporter thread, as the official
	 * senders do) and wait for the answers.
	 */
	private final ExecutorService exchanges;

	/** {@code null} once shut down. */
	private volatile @Nullable HttpClient client;

	RetryAfterHttpSender(HttpSenderConfig config) {
		this.config = config;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(config.getConnectTimeout());
		if (config.getSslContext() != null) {
			builder.sslContext(config.getSslContext());
		}
		ProxyOptions proxy = config.getProxyOptions();
		if (proxy != null) {
			builder.proxy(proxy.getProxySelector());
		}
		if (config.getExecutorService() != null) {
			builder.executor(config.getExecutorService());
		}
		this.exchanges = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "telemetry-otlp-http");
			thread.setDaemon(true);
			return thread;
		});
		this.client = builder.build();
	}

	@Override
	public void send(MessageWriter messageWriter, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
		HttpClient client = this.client;
		if (client == null) {
			onError.accept(new IllegalStateException("the OTLP sender is shut down"));
			return;
		}
		CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange;
		try {
			// HttpClient.send, not sendAsync: sendAsync completes its future on the common ForkJoinPool, so an
			// application keeping that pool busy (parallel streams, supplyAsync, a task blocked in it) would hold
			// back the collector's answers until the export times out
			exchange = CompletableFuture.supplyAsync(() -> exchange(client, messageWriter), this.exchanges);
		}
		catch (RejectedExecutionException ex) {
			onError.accept(ex);
			return;
		}
		exchange.whenComplete((response, failure) -> {
			if (failure != null) {
				onError.accept(cause(failure));
				return;
			}
			int status = response.statusCode();
			onResponse.accept(new Response(status, REASONS.getOrDefault(status, ""), response.body(),
					retryAfter(response.headers().firstValue("Retry-After").orElse(null), Clock.systemUTC())));
		});
	}

	private java.net.http.HttpResponse<byte[]> exchange(HttpClient client, MessageWriter messageWriter) {
		HttpRequest request = request(messageWriter);
		try {
			return client.send(request, BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(ex);
		}
	}

	private static Throwable cause(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof UncheckedIOException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private HttpRequest request(MessageWriter messageWriter) {
		try {
			return buildRequest(messageWriter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpRequest buildRequest(MessageWriter messageWriter) throws IOException {
		Body body = new Body(Math.max(32, messageWriter.getContentLength()));
		Compressor compressor = this.config.getCompressor();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.config.getEndpoint())
			.timeout(this.config.getTimeout())
			.header("Content-Type", this.config.getContentType());
		if (compressor != null) {
			try (OutputStream out = compressor.compress(body)) {
				messageWriter.writeMessage(out);
			}
			request.header("Content-Encoding", compressor.getEncoding());
		}
		else {
			messageWriter.writeMessage(body);
		}
		Map<String, List<String>> headers = this.config.getHeadersSupplier().get();
		if (headers != null) {
			headers.forEach((name, values) -> values.forEach((value) -> request.header(name, value)));
		}
		return request.POST(body.publisher()).build();
	}

	/** A request body, handed to the client without the copy {@link ByteArrayOutputStream#toByteArray()} makes. */
	private static final class Body extends ByteArrayOutputStream {

		Body(int size) {
			super(size);
		}

		/** The bytes written so far; nothing is written after. */
		HttpRequest.BodyPublisher publisher() {
			return HttpRequest.BodyPublishers.ofByteArray(this.buf, 0, this.count);
		}

	}

	/**
	 * Reads {@code Retry-After} in either form RFC 9110 allows: delta-seconds ({@code 120}) or an HTTP-date
	 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, a date in the past meaning now).
	 * @return the wait, or {@code null} when there is no header or it cannot be read
	 */
	static @Nullable Duration retryAfter(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return (value.length() > 9) ? SpanSender.MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			Duration until = Duration.between(clock.instant(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The client requests go through, {@code null} once shut down. */
	@Nullable HttpClient client() {
		return this.client;
	}

	/**
	 * Closes the client on Java 21 and later (its threads end once the requests in flight are done); on Java 17,
	 * where {@link HttpClient} cannot be closed, lets go of it, so that its selector thread ends once it is
	 * collected. Stops the threads that build requests and wait for the answers (ours); an executor the exporter
	 * builder was given, which the client runs on, is not ours to shut.
	 */
	@Override
	public CompletableResultCode shutdown() {
		HttpClient closing = this.client;
		this.client = null;
		this.exchanges.shutdown();
		if (closing instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				return CompletableResultCode.ofExceptionalFailure(ex);
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * A response with the collector's {@code Retry-After}.
	 *
	 * @param retryAfter how long to wait before the next attempt, or {@code null}
	 */
	record Response(int status, String message, byte[] body, @Nullable Duration retryAfter) implements HttpResponse {

		@Override
		public int getStatusCode() {
			return this.status;
		}

		@Override
		public String getStatusMessage() {
			return this.message;
		}

		@Override
		public byte[] getResponseBody() {
			return this.body;
		}

	}

}
