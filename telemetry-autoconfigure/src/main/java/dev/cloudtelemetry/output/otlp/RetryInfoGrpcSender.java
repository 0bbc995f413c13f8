package dev.cloudtelemetry.output.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import javax.net.SocketFactory;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP/gRPC sender of {@code OtlpGrpcSpanExporter}, on OkHttp (HTTP/2), put in place of the official one
 * through the exporter builder's component loader ({@link #loader()}) for two reasons:
 * <ul>
 * <li>Its sockets have {@code TCP_NODELAY} on. The official OkHttp sender leaves Nagle's algorithm on: the last
 * frames of a request often wait in the kernel for the collector's delayed acknowledgement, about 40 ms on
 * Linux (on more than half of the requests in the trace of benchmarks/README.md, "grpc"), while the exporter
 * thread waits for the answer.</li>
 * <li>It keeps the {@code google.rpc.RetryInfo} of a refusal ({@link Response#retryAfter()}): a collector
 * answering {@code UNAVAILABLE} or {@code RESOURCE_EXHAUSTED} says there how long to wait, in the
 * {@code grpc-status-details-bin} trailer, which the official senders do not pass on.</li>
 * </ul>
 * It sends what the builder configured: endpoint, compression, headers, timeouts, TLS context, executor. An
 * answer without {@code grpc-status} (a proxy's) gets the status the gRPC specification maps its HTTP status to.
 */
public final class RetryInfoGrpcSender implements GrpcSender {

	private static final ComponentLoader LOADER = new ComponentLoader() {

		@Override
		@SuppressWarnings("unchecked")
		public <T> Iterable<T> load(Class<T> type) {
			if (type == GrpcSenderProvider.class) {
				return List.of((T) (GrpcSenderProvider) RetryInfoGrpcSender::new);
			}
			return Collections.emptyList();
		}

	};

	private static final MediaType GRPC = MediaType.get("application/grpc");

	private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

	/**
	 * @return a component loader offering this sender, and nothing else, as the {@link GrpcSenderProvider}
	 * of an exporter builder ({@code OtlpGrpcSpanExporterBuilder.setComponentLoader})
	 */
	public static ComponentLoader loader() {
		return LOADER;
	}

	private final GrpcSenderConfig config;

	private final OkHttpClient client;

	private final okhttp3.HttpUrl url;

	/** The dispatcher's threads, when they are ours to stop. */
	private final @Nullable ExecutorService ownExecutor;

	RetryInfoGrpcSender(GrpcSenderConfig config) {
		this.config = config;
		ExecutorService executor = config.getExecutorService();
		this.ownExecutor = (executor != null) ? null : daemonThreads();
		OkHttpClient.Builder builder = new OkHttpClient.Builder()
			.dispatcher(new Dispatcher((executor != null) ? executor : this.ownExecutor))
			.callTimeout(config.getTimeout())
			.connectTimeout(config.getConnectTimeout())
			.socketFactory(new NoDelaySocketFactory());
		if ("http".equals(config.getEndpoint().getScheme())) {
			builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
		}
		else {
			builder.protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
			if (config.getSslContext() != null && config.getTrustManager() != null) {
				builder.sslSocketFactory(config.getSslContext().getSocketFactory(), config.getTrustManager());
			}
		}
		this.client = builder.build();
		this.url = okhttp3.HttpUrl.get(config.getEndpoint().resolve("/" + config.getFullMethodName()).toString());
	}

	private static ExecutorService daemonThreads() {
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "telemetry-otlp-grpc");
					thread.setDaemon(true);
					return thread;
				});
	}

	@Override
	public void send(MessageWriter messageWriter, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
		Request.Builder request = new Request.Builder().url(this.url);
		Map<String, List<String>> headers = this.config.getHeadersSupplier().get();
		if (headers != null) {
			headers.forEach((name, values) -> values.forEach((value) -> request.addHeader(name, value)));
		}
		request.addHeader("te", "trailers").addHeader("grpc-accept-encoding", "identity,gzip");
		Compressor compressor = this.config.getCompressor();
		if (compressor != null) {
			request.addHeader("grpc-encoding", compressor.getEncoding());
		}
		Call call;
		try {
			call = this.client.newCall(request.post(new MessageBody(messageWriter, compressor)).build());
		}
		catch (RuntimeException ex) {
			onError.accept(ex);
			return;
		}
		call.enqueue(new Callback() {

			@Override
			public void onFailure(Call call, IOException ex) {
				onError.accept(ex);
			}

			@Override
			public void onResponse(Call call, okhttp3.Response response) {
				try (ResponseBody body = response.body()) {
					onResponse.accept(answer(response, body.bytes()));
				}
				catch (IOException | RuntimeException ex) {
					onError.accept(ex);
				}
			}

		});
	}

	private static Response answer(okhttp3.Response response, byte[] body) throws IOException {
		Headers trailers = trailers(response);
		String status = header(response, trailers, "grpc-status");
		String message = header(response, trailers, "grpc-message");
		GrpcStatusCode code;
		if (status != null) {
			code = GrpcStatusCode.fromValue(parseStatus(status));
		}
		else {
			code = fromHttp(response.code());
			message = "HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message());
		}
		String description = (message != null) ? percentDecoded(message) : "";
		String details = header(response, trailers, "grpc-status-details-bin");
		return new Response(code, description, unframe(body, "gzip".equals(response.header("grpc-encoding"))),
				(details != null) ? retryDelay(details) : null);
	}

	/** {@code grpc-message} is percent-encoded UTF-8; a malformed escape is kept as it is. */
	static String percentDecoded(String message) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length());
		byte[] ascii = message.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < ascii.length; i++) {
			int high = (ascii[i] == '%' && i + 2 < ascii.length) ? Character.digit(ascii[i + 1], 16) : -1;
			int low = (high >= 0) ? Character.digit(ascii[i + 2], 16) : -1;
			if (low >= 0) {
				bytes.write(high * 16 + low);
				i += 2;
			}
			else {
				bytes.write(ascii[i]);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static Headers trailers(okhttp3.Response response) {
		try {
			return response.trailers();
		}
		catch (IOException ex) {
			// a trailers-only answer, or no gRPC answer at all: its headers hold the status
			return Headers.of();
		}
	}

	private static @Nullable String header(okhttp3.Response response, Headers trailers, String name) {
		String value = response.header(name);
		return (value != null) ? value : trailers.get(name);
	}

	private static int parseStatus(String status) {
		try {
			return Integer.parseInt(status.trim());
		}
		catch (NumberFormatException ex) {
			return GrpcStatusCode.UNKNOWN.getValue();
		}
	}

	/**
	 * The status of an HTTP answer without {@code grpc-status}, as the gRPC specification maps it
	 * (doc/http-grpc-status-mapping.md).
	 */
	static GrpcStatusCode fromHttp(int status) {
		return switch (status) {
			case 400 -> GrpcStatusCode.INTERNAL;
			case 401 -> GrpcStatusCode.UNAUTHENTICATED;
			case 403 -> GrpcStatusCode.PERMISSION_DENIED;
			case 404 -> GrpcStatusCode.UNIMPLEMENTED;
			case 429, 502, 503, 504 -> GrpcStatusCode.UNAVAILABLE;
			default -> GrpcStatusCode.UNKNOWN;
		};
	}

	/** The message of a gRPC response body: after the 5-byte frame header, inflated if it says so. */
	private static byte[] unframe(byte[] body, boolean gzip) throws IOException {
		if (body.length < 5) {
			return new byte[0];
		}
		byte[] message = java.util.Arrays.copyOfRange(body, 5, body.length);
		if (body[0] == 1 && gzip) {
			try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
				return in.readAllBytes();
			}
		}
		return message;
	}

	/**
	 * The {@code retry_delay} of the {@code google.rpc.RetryInfo} among the details of a {@code google.rpc.Status}
	 * (the {@code grpc-status-details-bin} trailer: base64 of its protobuf bytes).
	 * @return the delay, or {@code null} when there is none or the trailer cannot be read
	 */
	static @Nullable Duration retryDelay(String detailsBin) {
		try {
			ProtoReader status = new ProtoReader(Base64.getDecoder().decode(unpadded(detailsBin)));
			while (status.next()) {
				if (status.field() == 3 && status.wireType() == 2) {
					ProtoReader any = new ProtoReader(status.bytes());
					String typeUrl = null;
					byte[] value = null;
					while (any.next()) {
						if (any.field() == 1 && any.wireType() == 2) {
							typeUrl = new String(any.bytes(), StandardCharsets.UTF_8);
						}
						else if (any.field() == 2 && any.wireType() == 2) {
							value = any.bytes();
						}
						else {
							any.skip();
						}
					}
					if (RETRY_INFO.equals(typeUrl) && value != null) {
						return retryInfoDelay(value);
					}
				}
				else {
					status.skip();
				}
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String unpadded(String base64) {
		String trimmed = base64.trim();
		int end = trimmed.length();
		while (end > 0 && trimmed.charAt(end - 1) == '=') {
			end--;
		}
		return trimmed.substring(0, end);
	}

	private static @Nullable Duration retryInfoDelay(byte[] retryInfo) {
		ProtoReader info = new ProtoReader(retryInfo);
		while (info.next()) {
			if (info.field() == 1 && info.wireType() == 2) {
				ProtoReader duration = new ProtoReader(info.bytes());
				long seconds = 0;
				long nanos = 0;
				while (duration.next()) {
					if (duration.field() == 1 && duration.wireType() == 0) {
						seconds = duration.varint();
					}
					else if (duration.field() == 2 && duration.wireType() == 0) {
						nanos = (int) duration.varint();
					}
					else {
						duration.skip();
					}
				}
				if (seconds < 0 || nanos < 0) {
					return Duration.ZERO;
				}
				return (seconds > SpanSender.MAX_RETRY_AFTER.toSeconds()) ? SpanSender.MAX_RETRY_AFTER
						: Duration.ofSeconds(seconds, nanos);
			}
			info.skip();
		}
		return null;
	}

	@Override
	public CompletableResultCode shutdown() {
		this.client.dispatcher().cancelAll();
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
		this.client.connectionPool().evictAll();
		return CompletableResultCode.ofSuccess();
	}

	/** The request body: one gRPC message, written on OkHttp's thread; compressed as the builder asked. */
	private static final class MessageBody extends RequestBody {

		private final MessageWriter writer;

		private final @Nullable Compressor compressor;

		MessageBody(MessageWriter writer, @Nullable Compressor compressor) {
			this.writer = writer;
			this.compressor = compressor;
		}

		@Override
		public MediaType contentType() {
			return GRPC;
		}

		@Override
		public long contentLength() {
			return (this.compressor != null) ? -1 : 5L + this.writer.getContentLength();
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			if (this.compressor == null) {
				sink.writeByte(0).writeInt(this.writer.getContentLength());
				this.writer.writeMessage(sink.outputStream());
				return;
			}
			Buffer compressed = new Buffer();
			try (OutputStream out = this.compressor.compress(compressed.outputStream())) {
				this.writer.writeMessage(out);
			}
			sink.writeByte(1).writeInt((int) compressed.size());
			sink.writeAll(compressed);
		}

	}

	/** Plain sockets with {@code TCP_NODELAY}: a request's last frames leave at once. */
	private static final class NoDelaySocketFactory extends SocketFactory {

		private final SocketFactory sockets = SocketFactory.getDefault();

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(this.sockets.createSocket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(this.sockets.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return noDelay(this.sockets.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(this.sockets.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return noDelay(this.sockets.createSocket(address, port, localAddress, localPort));
		}

		private static Socket noDelay(Socket socket) throws IOException {
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

	/** Reads the fields of protobuf bytes, one after the other. */
	private static final class ProtoReader {

		private final byte[] bytes;

		private int position;

		private int tag;

		ProtoReader(byte[] bytes) {
			this.bytes = bytes;
		}

		boolean next() {
			if (this.position >= this.bytes.length) {
				return false;
			}
			this.tag = (int) varint();
			return true;
		}

		int field() {
			return this.tag >>> 3;
		}

		int wireType() {
			return this.tag & 7;
		}

		long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				if (this.position >= this.bytes.length) {
					throw new IllegalArgumentException("truncated varint");
				}
				byte b = this.bytes[this.position++];
				value |= (long) (b & 0x7f) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("malformed varint");
		}

		byte[] bytes() {
			long length = varint();
			if (length < 0 || length > this.bytes.length - this.position) {
				throw new IllegalArgumentException("truncated field");
			}
			int start = this.position;
			this.position += (int) length;
			return java.util.Arrays.copyOfRange(this.bytes, start, this.position);
		}

		void skip() {
			switch (wireType()) {
				case 0 -> varint();
				case 1 -> this.position += 8;
				case 2 -> bytes();
				case 5 -> this.position += 4;
				default -> throw new IllegalArgumentException("wire type " + wireType());
			}
			if (this.position > this.bytes.length) {
				throw new IllegalArgumentException("truncated field");
			}
		}

	}

	/**
	 * A gRPC answer with the collector's {@code RetryInfo} delay.
	 *
	 * @param retryAfter how long to wait before the next attempt, or {@code null}
	 */
	record Response(GrpcStatusCode code, String description, byte[] message,
			@Nullable Duration retryAfter) implements GrpcResponse {

		@Override
		public GrpcStatusCode getStatusCode() {
			return this.code;
		}

		@Override
		public String getStatusDescription() {
			return this.description;
		}

		@Override
		public byte[] getResponseMessage() {
			return this.message;
		}

	}

}
