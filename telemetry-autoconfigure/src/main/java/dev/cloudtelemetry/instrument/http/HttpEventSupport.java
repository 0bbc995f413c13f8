package dev.cloudtelemetry.instrument.http;

import java.util.List;

import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * What client and server tracing share: the settings {@link HttpExchange} events are written with, the
 * attribute names the semantic-conventions mode asks for, and dropping events below the minimum severity.
 */
final class HttpEventSupport {

	private final EventSink sink;

	private final SemanticConventions semconv;

	private final Severity minimum;

	private final Severity errorStatusSeverity;

	private final UrlSanitizer urls;

	private final RecordedHeaders headers;

	HttpEventSupport(EventSink sink, SemanticConventions semconv, Severity minimum, Severity errorStatusSeverity,
			UrlSanitizer urls, RecordedHeaders headers) {
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

	UrlSanitizer urls() {
		return this.urls;
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

	void emit(TelemetryEvent event, Severity severity) {
		if (severity.isAtLeast(this.minimum)) {
			this.sink.accept(event);
		}
	}

	static String firstOrNull(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
