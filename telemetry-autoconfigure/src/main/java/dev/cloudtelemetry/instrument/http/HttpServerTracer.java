package dev.cloudtelemetry.instrument.http;

import java.util.List;
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
 * Turns incoming HTTP requests into server spans: {@code http_request} on arrival, {@code http_response}
 * when the exchange is over. A valid {@code traceparent} continues the caller's trace; a missing or
 * invalid one starts a new trace. Plain Java: the servlet filter and the WebFlux filter adapt to it.
 */
public final class HttpServerTracer {

	private final SpanFactory spans;

	private final NanoClock clock;

	private final HttpEventSupport events;

	/**
	 * @param sink where events go
	 * @param spans creates spans
	 * @param semconv which attribute names to write
	 * @param minimum events below this severity are not emitted
	 * @param errorStatusSeverity the severity of responses with a 4xx or 5xx status and no exception
	 * @param redactors the writer's redactors, applied to each exchange's URL once (the URL attributes are
	 * then written as they are)
	 * @param headers the headers to record
	 */
	public HttpServerTracer(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimum,
			Severity errorStatusSeverity, Redactors redactors, RecordedHeaders headers) {
		this.spans = spans;
		this.clock = spans.clock();
		this.events = new HttpEventSupport(sink, semconv, minimum, errorStatusSeverity, redactors, headers);
	}

	/**
	 * Starts the server span of a request and emits its {@code http_request} event.
	 * @param request what arrived
	 * @param requestHeaders the request's headers by name, looked up ignoring case
	 * @return the server span, to make current while the request is handled
	 */
	public Span start(IncomingRequest request, Function<String, List<String>> requestHeaders) {
		return start(request, HttpEventSupport.firstOrNull(requestHeaders.apply(TraceParent.TRACEPARENT)),
				HttpEventSupport.firstOrNull(requestHeaders.apply(TraceParent.TRACESTATE)),
				HttpEventSupport.firstOrNull(requestHeaders.apply("User-Agent")), requestHeaders);
	}

	/**
	 * Starts the server span of a request and emits its {@code http_request} event. The URL is sanitized
	 * and the event formatted later, on the writer thread.
	 * @param request what arrived
	 * @param traceparent the {@code traceparent} header, or {@code null}
	 * @param tracestate the {@code tracestate} header, or {@code null}
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @param recordedHeaders the request's headers by name, looked up ignoring case; only asked when
	 * {@link #recordsHeaders()}, so it may be {@code null} otherwise
	 * @return the server span, to make current while the request is handled
	 */
	public Span start(IncomingRequest request, String traceparent, String tracestate, String userAgent,
			Function<String, List<String>> recordedHeaders) {
		// another tracer of the process (Micrometer's server observation, the agent) that already handles the
		// request owns its trace: the starter's server span becomes a child of that tracer's span
		RemoteContext outer = this.spans.externalParent();
		RemoteContext remote = (outer != null) ? outer : TraceParent.parse(traceparent, tracestate);
		HttpExchange exchange = HttpExchange.server(remote, this.clock.epochNanos(), this.events, request, userAgent,
				recordsHeaders() ? this.events.headers().capture(recordedHeaders) : null, this.spans.sampling());
		exchange.filter(this.spans.sampling(), request.path());
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
	 * Ends a server span. An error with a 5xx status makes the event {@code ERROR} with the error; a 4xx or
	 * 5xx status without one takes the configured severity.
	 * @param span the span from {@link #start}
	 * @param status the response status
	 * @param route the matched route template such as {@code /orders/{id}}, or {@code null}
	 * @param error the exception that ended the request, or {@code null}
	 * @param responseHeaders the response's headers by name, or {@code null}
	 */
	public void end(Span span, int status, String route, Throwable error,
			Function<String, List<String>> responseHeaders) {
		HttpExchange exchange = (HttpExchange) span;
		boolean reported = error != null && (status >= 500 || status <= 0);
		exchange.ended(this.clock.epochNanos(), status, error, reported, route,
				(responseHeaders != null && exchange.recording()) ? this.events.headers().capture(responseHeaders)
						: null);
		this.events.emit(exchange, exchange, exchange.severity());
		this.events.ended(exchange);
	}

	/**
	 * An incoming request, as the server filter sees it.
	 *
	 * @param method the request method
	 * @param url the full request URL with its query, not yet sanitized
	 * @param path the request path
	 * @param serverAddress the host the request was sent to
	 * @param serverPort the port the request was sent to
	 * @param clientAddress the address of the client (or the last proxy)
	 */
	public record IncomingRequest(String method, String url, String path, String serverAddress, int serverPort,
			String clientAddress) {

	}

}
