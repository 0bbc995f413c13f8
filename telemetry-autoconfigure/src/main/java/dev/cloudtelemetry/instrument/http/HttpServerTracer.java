package dev.cloudtelemetry.instrument.http;

import java.util.List;
import java.util.function.Function;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;

/**
 * Turns incoming HTTP requests into server spans: {@code http_request} on arrival, {@code http_response}
 * when the exchange is over. A valid {@code traceparent} continues the caller's trace; a missing or
 * invalid one starts a new trace. Plain Java: the servlet filter and the WebFlux filter adapt to it.
 */
public final class HttpServerTracer {

	private final SpanFactory spans;

	private final NanoClock clock;

	private final UrlSanitizer urls;

	private final SemanticConventions semconv;

	private final HttpEventSupport events;

	/**
	 * @param sink where events go
	 * @param spans creates spans
	 * @param semconv which attribute names to write
	 * @param minimum events below this severity are not emitted
	 * @param errorStatusSeverity the severity of responses with a 4xx or 5xx status and no exception
	 * @param urls sanitizes the recorded URLs
	 * @param headers the headers to record
	 */
	public HttpServerTracer(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimum,
			Severity errorStatusSeverity, UrlSanitizer urls, RecordedHeaders headers) {
		this.spans = spans;
		this.clock = spans.clock();
		this.urls = urls;
		this.semconv = semconv;
		this.events = new HttpEventSupport(sink, semconv, minimum, errorStatusSeverity, headers);
	}

	/**
	 * Starts the server span of a request and emits its {@code http_request} event.
	 * @param request what arrived
	 * @param requestHeaders the request's headers by name, looked up ignoring case
	 * @return the server span, to make current while the request is handled
	 */
	public Span start(IncomingRequest request, Function<String, List<String>> requestHeaders) {
		RemoteContext remote = TraceParent.parse(
				HttpEventSupport.firstOrNull(requestHeaders.apply(TraceParent.TRACEPARENT)),
				HttpEventSupport.firstOrNull(requestHeaders.apply(TraceParent.TRACESTATE)));
		HttpSpanDetails details = new HttpSpanDetails("server", request.method(), this.urls.sanitize(request.url()),
				request.serverAddress(), request.serverPort(), (remote != null) ? remote.traceState() : null);
		Span span = this.spans.startRemoteChild(remote, request.method(), "http", details);
		GenericEvent.Builder event = this.events.request(span, details,
				HttpEventSupport.firstOrNull(requestHeaders.apply("User-Agent")), requestHeaders);
		this.semconv.put(event, "http.target", "url.path", request.path());
		event.attribute("client.address", request.clientAddress());
		this.events.emit(event);
		return span;
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
		Throwable reported = (status >= 500 || status <= 0) ? error : null;
		GenericEvent.Builder event = this.events.response(span, this.clock.epochNanos(), status, reported,
				responseHeaders);
		if (route != null) {
			event.attribute("http.route", route);
			event.functionName(span.name() + " " + route);
		}
		if (error != null && reported == null) {
			event.attribute("exception.type", error.getClass().getName());
		}
		this.events.emit(event);
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
