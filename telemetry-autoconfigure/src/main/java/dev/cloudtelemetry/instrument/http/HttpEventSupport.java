package dev.cloudtelemetry.instrument.http;

import java.util.List;

import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * What client and server tracing share: the settings {@link HttpExchange} events are written with, the
 * attribute names the semantic-conventions mode asks for, and dropping events below the minimum severity.
 */
final class HttpEventSupport {

	private static final Field URL = Field.attribute("url.full");

	private final EventSink sink;

	private final SemanticConventions semconv;

	private final Severity minimum;

	private final Severity errorStatusSeverity;

	private final TelemetryRedactor urls;

	private final RecordedHeaders headers;

	HttpEventSupport(EventSink sink, SemanticConventions semconv, Severity minimum, Severity errorStatusSeverity,
			TelemetryRedactor urls, RecordedHeaders headers) {
		this.sink = sink;
		this.semconv = semconv;
		this.minimum = minimum;
		this.errorStatusSeverity = errorStatusSeverity;
		this.urls = urls;
		this.headers = headers;
	}

	Severity errorStatusSeverity() {
		return this.errorStatusSeverity;
	}

	/** The URL as written: through the URL redactor, once per exchange. */
	String redactUrl(String url) {
		return Redactors.apply(this.urls, URL, url);
	}

	RecordedHeaders headers() {
		return this.headers;
	}

	/** Writes an attribute under the name or names the semantic-conventions mode asks for. */
	void put(AttributeWriter attributes, String legacyName, String stableName, Object value) {
		if (this.semconv != SemanticConventions.STABLE) {
			attributes.putValue(legacyName, value);
		}
		if (this.semconv != SemanticConventions.LEGACY) {
			attributes.putValue(stableName, value);
		}
	}

	/**
	 * Offers an event of an exchange, when the exchange is written: to the sink, or to its trace when the
	 * trace decides later.
	 */
	void emit(HttpExchange exchange, TelemetryEvent event, Severity severity) {
		if (severity.isAtLeast(this.minimum) && exchange.recording()) {
			LocalTrace trace = exchange.localTrace();
			if (trace != null) {
				trace.offer(event, this.sink);
			}
			else {
				this.sink.accept(event);
			}
		}
	}

	/** Tells the exchange's trace how it ended, after its last event was offered; a local root ends its trace. */
	void ended(HttpExchange exchange) {
		LocalTrace trace = exchange.localTrace();
		if (trace != null) {
			trace.spanEnded(exchange.failed(), exchange.durationNanos());
			if (exchange.isLocalRoot()) {
				trace.end(this.sink);
			}
		}
	}

	static String firstOrNull(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
