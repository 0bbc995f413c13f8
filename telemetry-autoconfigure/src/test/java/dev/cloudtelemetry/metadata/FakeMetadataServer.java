package dev.cloudtelemetry.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A metadata service on 127.0.0.1 with an ephemeral port, for tests: handlers per path prefix behave as the
 * real service documents. Also hands out a closed port and a port that accepts but never answers.
 */
public final class FakeMetadataServer implements AutoCloseable {

	private final HttpServer server;

	private final CountDownLatch release = new CountDownLatch(1);

	public FakeMetadataServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fake-metadata");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	public FakeMetadataServer handle(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			try {
				handler.handle(exchange);
			}
			finally {
				exchange.close();
			}
		});
		return this;
	}

	/** A handler that never answers until the server closes. */
	public HttpHandler hang() {
		return (exchange) -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

	public static void respond(HttpExchange exchange, int status, String body) throws IOException {
		respond(exchange, status, body, Map.of());
	}

	public static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
			throws IOException {
		headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/** @return an address on 127.0.0.1 where nothing listens */
	public static String closedPortUrl() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A socket that accepts connections (through the backlog) and never says a word.
	 */
	public static final class Silent implements AutoCloseable {

		private final ServerSocket socket;

		public Silent() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
