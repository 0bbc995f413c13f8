package dev.cloudtelemetry.instrument.http;

import java.net.URI;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.redact.Redactors;

/**
 * Turns outgoing HTTP calls into client spans: {@code http_request} before the call, {@code http_response}
 * (with {@code duration_ns}) after it. Plain Java: the adapters for {@code RestTemplate},
 * {@code RestClient} and {@code WebClient} call {@link #start}, {@link #inject}, and then {@link #end} or
 * {@link #fail}.
 */
public final class HttpClientTracer {

	private final SpanFactory spans;

	private final NanoClock clock;

	private final HttpEventSupport events;

	/**
	 * @param sink where events go
	 * @param spans creates spans
	 * @param semconv which attribute names to write
	 * @param minimum events below this severity are not emitted
	 * @param errorStatusSeverity the severity of responses with a 4xx or 5xx status
	 * @param redactors the writer's redactors, applied to each exchange's URL once (the URL attributes are
	 * then written as they are)
	 * @param headers the headers to record
	 */
	public HttpClientTracer(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimum,
			Severity errorStatusSeverity, Redactors redactors, RecordedHeaders headers) {
		this.spans = spans;
		this.clock = spans.clock();
		this.events = new HttpEventSupport(sink, semconv, minimum, errorStatusSeverity, redactors, headers);
	}

	/**
	 * Starts the client span of a call and emits its {@code http_request} event.
	 * @param parent the current span, or {@code null} to start a new trace
	 * @param method the request method
	 * @param uri the request URI
	 * @param requestHeaders the request's headers by name, looked up ignoring case
	 * @return the client span
	 */
	public Span start(Span parent, String method, URI uri, Function<String, List<String>> requestHeaders) {
		return start(parent, method, uri, HttpEventSupport.firstOrNull(requestHeaders.apply("User-Agent")),
				requestHeaders);
	}

	/**
	 * Starts the client span of a call and emits its {@code http_request} event. The URL is sanitized and
	 * the event formatted later, on the writer thread.
	 * @param parent the current span, or {@code null} to start a new trace
	 * @param method the request method
	 * @param uri the request URI
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @param recordedHeaders the request's headers by name, looked up ignoring case; only asked when
	 * {@link #recordsHeaders()}, so it may be {@code null} otherwise
	 * @return the client span
	 */
	public Span start(Span parent, String method, URI uri, String userAgent,
			Function<String, List<String>> recordedHeaders) {
		RemoteContext outer = (parent != null) ? null : this.spans.externalParent();
		HttpExchange exchange = HttpExchange.client(parent, outer, this.clock.epochNanos(), this.events, method, uri,
				port(uri), userAgent, recordsHeaders() ? this.events.headers().capture(recordedHeaders) : null,
				this.spans.sampling());
		exchange.filter(this.spans.sampling(), uri.getHost());
		if (exchange.recording()) {
			this.events.emit(exchange, exchange.request(), Severity.INFO);
		}
		return exchange;
	}

	/** Whether any header is recorded: when not, the header functions are never asked. */
	public boolean recordsHeaders() {
		return !this.events.headers().isEmpty();
	}

	/**
	 * Adds {@code traceparent}, and {@code tracestate} when the trace arrived with one, to a request, unless
	 * another tracer of this process (Micrometer Tracing's observation, the OpenTelemetry agent) has already
	 * written a {@code traceparent} of the same trace: then that one leaves alone, so that the callee's spans
	 * stay children of that tracer's client span. One of another trace is replaced: the other tracer could
	 * not see the starter's trace and began a new one.
	 * @param span the client span
	 * @param requestHeaders the request's headers by name, looked up ignoring case
	 * @param setHeader sets (replaces) a request header
	 */
	public void inject(Span span, Function<String, List<String>> requestHeaders, BiConsumer<String, String> setHeader) {
		if (this.spans.followsExternalTracer()) {
			RemoteContext written = TraceParent.parse(HttpEventSupport.firstOrNull(
					requestHeaders.apply(TraceParent.TRACEPARENT)), null);
			if (written != null && written.traceIdHigh() == span.traceIdHigh()
					&& written.traceIdLow() == span.traceIdLow()) {
				return;
			}
		}
		inject(span, setHeader);
	}

	/**
	 * Adds {@code traceparent}, and {@code tracestate} when the trace arrived with one, to a request.
	 * @param span the client span
	 * @param setHeader sets a request header
	 */
	public void inject(Span span, BiConsumer<String, String> setHeader) {
		setHeader.accept(TraceParent.TRACEPARENT, TraceParent.format(span));
		String traceState = traceState(span);
		if (traceState != null) {
			setHeader.accept(TraceParent.TRACESTATE, traceState);
		}
	}

	/**
	 * Ends a span with the response's status.
	 * @param span the span from {@link #start}
	 * @param status the HTTP status code
	 * @param responseHeaders the response's headers by name, or {@code null}
	 */
	public void end(Span span, int status, Function<String, List<String>> responseHeaders) {
		finish(span, status, null, (responseHeaders != null) ? this.events.headers().capture(responseHeaders) : null);
	}

	/**
	 * Ends a span whose call failed without a response (I/O error, timeout): {@code ERROR} with the error.
	 * @param span the span from {@link #start}
	 * @param error what the call threw
	 */
	public void fail(Span span, Throwable error) {
		finish(span, 0, error, null);
	}

	/**
	 * Ends a span whose caller lost interest before the response arrived (a cancelled subscription).
	 * @param span the span from {@link #start}
	 */
	public void cancel(Span span) {
		((HttpExchange) span).cancelled();
		finish(span, 0, null, null);
	}

	private void finish(Span span, int status, Throwable error, String[] responseHeaders) {
		HttpExchange exchange = (HttpExchange) span;
		exchange.ended(this.clock.epochNanos(), status, error, true, null, responseHeaders);
		this.events.emit(exchange, exchange, exchange.severity());
		this.events.ended(exchange);
	}

	/**
	 * The {@code tracestate} the trace of {@code span} arrived with: that of the server span at its root.
	 * @param span any span
	 * @return the trace state, or {@code null}
	 */
	public static String traceState(Span span) {
		Span root = span;
		while (root.parent() != null) {
			root = root.parent();
		}
		return (root instanceof HttpExchange exchange) ? exchange.traceState() : null;
	}

	private static int port(URI uri) {
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		if ("https".equalsIgnoreCase(uri.getScheme())) {
			return 443;
		}
		return ("http".equalsIgnoreCase(uri.getScheme())) ? 80 : -1;
	}

}
