package dev.cloudtelemetry.instrument.http;

import java.net.URI;

import dev.cloudtelemetry.core.context.AbstractSpan;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SpanFilter;

/**
 * One HTTP exchange, client or server: its span and its {@code http_response} event, with a small view for
 * its {@code http_request} event. The application's thread records what it must (the raw URL, the values
 * of the headers it reads, the status, the error); the sanitized URL, the span's name, the messages and the
 * attributes are produced by the writer thread, the URL passing through the redactors once for both events.
 */
final class HttpExchange extends AbstractSpan implements TelemetryEvent {

	private final HttpEventSupport support;

	private final boolean server;

	private final String method;

	/** The request URL as received or sent, not yet sanitized: a {@link URI} or a {@link String}. */
	private final Object rawUrl;

	private final String serverAddress;

	private final int serverPort;

	private final String traceState;

	private final String userAgent;

	private final String path;

	private final String clientAddress;

	private final String[] requestHeaders;

	private String url;

	private long endNanos;

	private int status;

	private Throwable error;

	private boolean reportError;

	private boolean cancelled;

	private String route;

	private String[] responseHeaders;

	private HttpExchange(Span parent, RemoteContext remote, long startNanos, HttpEventSupport support, boolean server,
			String method, Object rawUrl, String serverAddress, int serverPort, String userAgent, String path,
			String clientAddress, String[] requestHeaders, Sampling sampling) {
		super(parent, remote, startNanos, sampling);
		this.support = support;
		this.server = server;
		this.method = method;
		this.rawUrl = rawUrl;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
		this.traceState = (remote != null) ? remote.traceState() : null;
		this.userAgent = userAgent;
		this.path = path;
		this.clientAddress = clientAddress;
		this.requestHeaders = requestHeaders;
	}

	static HttpExchange client(Span parent, RemoteContext outer, long startNanos, HttpEventSupport support,
			String method, URI uri, int port, String userAgent, String[] requestHeaders, Sampling sampling) {
		return new HttpExchange(parent, outer, startNanos, support, false, method, uri, uri.getHost(), port, userAgent,
				null, null, requestHeaders, sampling);
	}

	static HttpExchange server(RemoteContext remote, long startNanos, HttpEventSupport support,
			HttpServerTracer.IncomingRequest request, String userAgent, String[] requestHeaders, Sampling sampling) {
		return new HttpExchange(null, remote, startNanos, support, true, request.method(), request.url(),
				request.serverAddress(), request.serverPort(), userAgent, request.path(), request.clientAddress(),
				requestHeaders, sampling);
	}

	/** Applies the span filters, before any event of the exchange is offered. */
	void filter(Sampling sampling, String target) {
		if (sampling.hasFilters() && !sampling.keeps(this.server ? SpanFilter.Kind.HTTP_SERVER
				: SpanFilter.Kind.HTTP_CLIENT, this.method, target, parent())) {
			dropByFilter();
		}
	}

	/** Whether the exchange failed: an error reported, or a 5xx status. */
	boolean failed() {
		return error() != null || this.status >= 500;
	}

	/**
	 * Records the end of the exchange, before the response event is submitted.
	 * @param endNanos when it ended
	 * @param status the status, {@code 0} when there was no response
	 * @param error the error, or {@code null}
	 * @param reportError whether the error makes the event {@code ERROR} (otherwise only its type is named)
	 * @param route the server's route template, or {@code null}
	 * @param responseHeaders the recorded response header values, or {@code null}
	 */
	void ended(long endNanos, int status, Throwable error, boolean reportError, String route,
			String[] responseHeaders) {
		this.endNanos = endNanos;
		this.status = status;
		this.error = error;
		this.reportError = reportError;
		this.route = route;
		this.responseHeaders = responseHeaders;
	}

	void cancelled() {
		this.cancelled = true;
	}

	/** The {@code tracestate} this exchange's request arrived with (server spans), or {@code null}. */
	String traceState() {
		return this.traceState;
	}

	/** The request event: a view of this exchange. */
	TelemetryEvent request() {
		return new Request(this);
	}

	private String url() {
		// redacted once, on the writer thread, for both events
		String url = this.url;
		if (url == null && this.rawUrl != null) {
			url = this.support.redactUrl(this.rawUrl.toString());
			this.url = url;
		}
		return url;
	}

	@Override
	public String name() {
		if (this.server) {
			return this.method;
		}
		String host = this.serverAddress;
		return this.method + " " + ((host != null) ? host + ((this.serverPort > 0) ? ":" + this.serverPort : "") : url());
	}

	@Override
	public Object details() {
		return this;
	}

	@Override
	public String correlationPrefix() {
		return "http";
	}

	@Override
	public String eventType() {
		return EventTypes.HTTP_RESPONSE;
	}

	@Override
	public long timestampNanos() {
		return this.endNanos;
	}

	@Override
	public Severity severity() {
		return responseSeverity(this.reportError ? this.error : null, this.status);
	}

	Severity responseSeverity(Throwable reported, int status) {
		if (reported != null) {
			return Severity.ERROR;
		}
		return (status >= 400) ? this.support.errorStatusSeverity() : Severity.INFO;
	}

	@Override
	public Span span() {
		return this;
	}

	@Override
	public String functionName() {
		return (this.route != null) ? name() + " " + this.route : name();
	}

	@Override
	public long durationNanos() {
		return Math.max(0, this.endNanos - startNanos());
	}

	@Override
	public Throwable error() {
		return this.reportError ? this.error : null;
	}

	@Override
	public String message() {
		StringBuilder message = new StringBuilder(this.method).append(' ').append(url());
		if (this.status > 0) {
			message.append(" -> ").append(this.status);
		}
		if (error() != null) {
			message.append(" failed with ").append(this.error.getClass().getSimpleName());
		}
		return message.toString();
	}

	@Override
	public void writeAttributes(AttributeWriter attributes) {
		writeCommon(attributes);
		if (this.status > 0) {
			this.support.put(attributes, "http.status_code", "http.response.status_code", this.status);
		}
		Throwable reported = error();
		if (reported != null) {
			attributes.put("error.type", reported.getClass().getName());
		}
		this.support.headers().write(attributes, "http.response.header.", this.responseHeaders);
		if (this.route != null) {
			attributes.put("http.route", this.route);
		}
		if (this.error != null && reported == null) {
			attributes.put("exception.type", this.error.getClass().getName());
		}
		if (this.cancelled) {
			attributes.put("cancelled", true);
		}
		LocalTrace trace = localTrace();
		if (isLocalRoot() && trace != null && trace.spansSuppressed() > 0) {
			attributes.put("telemetry.spans_suppressed", trace.spansSuppressed());
		}
	}

	private void writeCommon(AttributeWriter attributes) {
		this.support.put(attributes, "http.method", "http.request.method", this.method);
		this.support.putRedacted(attributes, "http.url", "url.full", url());
		attributes.put("server.address", this.serverAddress);
		if (this.serverPort > 0) {
			attributes.putValue("server.port", this.serverPort);
		}
		attributes.put("span.kind", this.server ? "server" : "client");
	}

	private void writeRequestAttributes(AttributeWriter attributes) {
		writeCommon(attributes);
		this.support.put(attributes, "http.user_agent", "user_agent.original", this.userAgent);
		this.support.headers().write(attributes, "http.request.header.", this.requestHeaders);
		if (this.server) {
			this.support.put(attributes, "http.target", "url.path", this.path);
			attributes.put("client.address", this.clientAddress);
		}
	}

	/**
	 * The {@code http_request} event of an exchange.
	 */
	private static final class Request implements TelemetryEvent {

		private final HttpExchange exchange;

		Request(HttpExchange exchange) {
			this.exchange = exchange;
		}

		@Override
		public String eventType() {
			return EventTypes.HTTP_REQUEST;
		}

		@Override
		public long timestampNanos() {
			return this.exchange.startNanos();
		}

		@Override
		public Severity severity() {
			return Severity.INFO;
		}

		@Override
		public Span span() {
			return this.exchange;
		}

		@Override
		public String message() {
			return this.exchange.method + " " + this.exchange.url();
		}

		@Override
		public void writeAttributes(AttributeWriter attributes) {
			this.exchange.writeRequestAttributes(attributes);
		}

	}

}
