package dev.cloudtelemetry.instrument.http;

/**
 * What an HTTP span remembers between its request and its response event; attached as
 * {@link dev.cloudtelemetry.core.context.Span#details()}.
 *
 * @param kind {@code client} or {@code server}
 * @param method the request method
 * @param url the sanitized URL
 * @param serverAddress the host name or address of the server
 * @param serverPort the server's port, {@code -1} when unknown
 * @param traceState the {@code tracestate} received with the request (server spans), or {@code null}
 */
public record HttpSpanDetails(String kind, String method, String url, String serverAddress, int serverPort,
		String traceState) {

}
