package dev.cloudtelemetry.instrument.http;

import java.util.List;
import java.util.function.Function;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;

/**
 * What client and server tracing share: building {@code http_request} / {@code http_response} events with
 * the attribute names the semantic-conventions mode asks for, and dropping events below the minimum
 * severity.
 */
final class HttpEventSupport {

	private final EventSink sink;

	private final SemanticConventions semconv;

	private final Severity minimum;

	private final Severity errorStatusSeverity;

	private final RecordedHeaders headers;

	HttpEventSupport(EventSink sink, SemanticConventions semconv, Severity minimum, Severity errorStatusSeverity,
			RecordedHeaders headers) {
		this.sink = sink;
		this.semconv = semconv;
		this.minimum = minimum;
		this.errorStatusSeverity = errorStatusSeverity;
		this.headers = headers;
	}

	GenericEvent.Builder request(Span span, HttpSpanDetails details, String userAgent,
			Function<String, List<String>> requestHeaders) {
		GenericEvent.Builder event = GenericEvent.builder(EventTypes.HTTP_REQUEST, span.startNanos())
			.span(span)
			.message(details.method() + " " + details.url());
		common(event, details);
		this.semconv.put(event, "http.user_agent", "user_agent.original", userAgent);
		if (requestHeaders != null) {
			this.headers.record(event, "http.request.header.", requestHeaders);
		}
		return event;
	}

	GenericEvent.Builder response(Span span, long now, int status, Throwable error,
			Function<String, List<String>> responseHeaders) {
		HttpSpanDetails details = (HttpSpanDetails) span.details();
		long duration = Math.max(0, now - span.startNanos());
		StringBuilder message = new StringBuilder(details.method()).append(' ').append(details.url());
		GenericEvent.Builder event = GenericEvent.builder(EventTypes.HTTP_RESPONSE, now)
			.span(span)
			.durationNanos(duration);
		common(event, details);
		if (status > 0) {
			this.semconv.put(event, "http.status_code", "http.response.status_code", status);
			message.append(" -> ").append(status);
		}
		if (error != null) {
			event.severity(Severity.ERROR).error(error);
			event.attribute("error.type", error.getClass().getName());
			message.append(" failed with ").append(error.getClass().getSimpleName());
		}
		else {
			event.severity((status >= 400) ? this.errorStatusSeverity : Severity.INFO);
		}
		if (responseHeaders != null) {
			this.headers.record(event, "http.response.header.", responseHeaders);
		}
		return event.message(message.toString());
	}

	private void common(GenericEvent.Builder event, HttpSpanDetails details) {
		this.semconv.put(event, "http.method", "http.request.method", details.method());
		this.semconv.put(event, "http.url", "url.full", details.url());
		event.attribute("server.address", details.serverAddress());
		if (details.serverPort() > 0) {
			event.attribute("server.port", details.serverPort());
		}
		event.attribute("span.kind", details.kind());
	}

	void emit(GenericEvent.Builder builder) {
		GenericEvent event = builder.build();
		if (event.severity().isAtLeast(this.minimum)) {
			this.sink.accept(event);
		}
	}

	static String firstOrNull(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
