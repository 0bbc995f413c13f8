package dev.cloudtelemetry.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal HTTP client for metadata services: no proxy (a metadata address must never go through one), no
 * redirects, no retries, connect and read timeouts, a bound on the whole exchange and on the size of the
 * body. Anything beyond those bounds is an {@link IOException}, never a hang.
 */
public final class MetadataHttpClient {

	/** Default bound on a response body: metadata documents are a few KiB. */
	public static final int DEFAULT_MAX_BYTES = 64 * 1024;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final int maxBytes;

	public MetadataHttpClient(Duration connectTimeout, Duration readTimeout, int maxBytes) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.maxBytes = maxBytes;
	}

	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	public Duration readTimeout() {
		return this.readTimeout;
	}

	public Response get(URI uri, Map<String, String> headers) throws IOException {
		return send("GET", uri, headers);
	}

	/**
	 * Sends a request without a body.
	 * @param method the HTTP method
	 * @param uri the absolute {@code http} or {@code https} address
	 * @param headers the request headers
	 * @return the response, whatever its status
	 * @throws IOException when the service cannot be reached, is too slow, or answers too much
	 */
	public Response send(String method, URI uri, Map<String, String> headers) throws IOException {
		String scheme = uri.getScheme();
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new IOException("unsupported address " + uri);
		}
		long deadline = System.nanoTime() + this.connectTimeout.toNanos() + 2 * this.readTimeout.toNanos();
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
		try {
			connection.setConnectTimeout(timeoutMillis(this.connectTimeout));
			connection.setReadTimeout(timeoutMillis(this.readTimeout));
			connection.setInstanceFollowRedirects(false);
			connection.setUseCaches(false);
			connection.setRequestMethod(method);
			headers.forEach(connection::setRequestProperty);
			if ("PUT".equals(method) || "POST".equals(method)) {
				connection.setDoOutput(true);
				connection.setFixedLengthStreamingMode(0);
				connection.getOutputStream().close();
			}
			int status = connection.getResponseCode();
			Map<String, List<String>> responseHeaders = connection.getHeaderFields();
			InputStream stream = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
			String body = (stream != null) ? readBounded(stream, deadline) : "";
			return new Response(status, responseHeaders, body);
		}
		finally {
			connection.disconnect();
		}
	}

	private String readBounded(InputStream stream, long deadline) throws IOException {
		try (InputStream in = stream) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(this.maxBytes, 8192));
			byte[] buffer = new byte[8192];
			int total = 0;
			int read;
			while ((read = in.read(buffer)) != -1) {
				total += read;
				if (total > this.maxBytes) {
					throw new IOException("response larger than " + (this.maxBytes / 1024) + " KiB");
				}
				if (System.nanoTime() - deadline > 0) {
					throw new IOException("response still arriving after "
							+ Duration.ofNanos(this.connectTimeout.toNanos() + 2 * this.readTimeout.toNanos())
								.toMillis()
							+ " ms");
				}
				out.write(buffer, 0, read);
			}
			return out.toString(StandardCharsets.UTF_8);
		}
	}

	private static int timeoutMillis(Duration duration) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
	}

	/**
	 * A response: status, headers and the (bounded) body.
	 * @param status the HTTP status
	 * @param headers the response headers, as {@link HttpURLConnection#getHeaderFields()} gives them
	 * @param body the body as UTF-8 text
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public boolean isOk() {
			return this.status >= 200 && this.status < 300;
		}

		/**
		 * @param name a header name, in any case
		 * @return the first value of that header, or {@code null}
		 */
		public String header(String name) {
			for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
						&& !entry.getValue().isEmpty()) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

	}

}
