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

/**
 * What client and server tracing share: the settings {@link HttpExchange} events are written with, the
 * attribute names the semantic-conventions mode asks for, and dropping events below the minimum severity.
 */
final class HttpEventSupport {

	private final EventSink sink;

	private final SemanticConventions semconv;

	private final Severity minimum;

	private final Severity errorStatusSeverity;

	private final Redactors redactors;

	/** The field an exchange's URL is redacted as: its first name in the semantic-conventions mode. */
	private final Field url;

	private final RecordedHeaders headers;

	HttpEventSupport(EventSink sink, SemanticConventions semconv, Severity minimum, Severity errorStatusSeverity,
			Redactors redactors, RecordedHeaders headers) {
		this.sink = sink;
		this.semconv = semconv;
		this.minimum = minimum;
		this.errorStatusSeverity = errorStatusSeverity;
		this.redactors = redactors;
		this.url = Field.attribute((semconv == SemanticConventions.STABLE) ? "url.full" : "http.url");
		this.headers = headers;
	}

	Severity errorStatusSeverity() {
		return this.errorStatusSeverity;
	}

	/**
	 * The URL as written: through the redactors (the URL redactor, the secret patterns, the application's),
	 * once per exchange; the attributes that show it are then written as they are.
	 */
	String redactUrl(String url) {
		return this.redactors.redact(this.url, url);
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

	/** Writes an already redacted value under the name or names the semantic-conventions mode asks for. */
	void putRedacted(AttributeWriter attributes, String legacyName, String stableName, String value) {
		if (this.semconv != SemanticConventions.STABLE) {
			attributes.putRedacted(legacyName, value);
		}
		if (this.semconv != SemanticConventions.LEGACY) {
			attributes.putRedacted(stableName, value);
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
		if (exchange.isLocalRoot()) {
			this.sink.rootEnded();
		}
	}

	static String firstOrNull(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
