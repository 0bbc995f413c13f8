package dev.cloudtelemetry.output.recent;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * One trace as the trace view shows it: its summary and every span.
 *
 * @param summary what the list of traces shows
 * @param spans every span, in start order
 */
public record TraceDetail(TraceSummary summary, List<SpanDetail> spans) {

	/**
	 * @param mask returns what to show for an attribute's value (the value itself, or a mask)
	 * @return a copy whose attribute values went through {@code mask}
	 */
	public TraceDetail masked(BiFunction<String, Object, Object> mask) {
		return new TraceDetail(this.summary, this.spans.stream().map((span) -> span.masked(mask)).toList());
	}

	/**
	 * One span.
	 *
	 * @param spanId the span id
	 * @param parentSpanId the parent's span id, or {@code null} for a root
	 * @param name the function or operation name
	 * @param kind {@code server}, {@code client}, {@code db} or {@code internal}
	 * @param startOffsetNanos when the span started, in nanoseconds after the trace started
	 * @param durationNanos how long it took, or {@code null} when its end was not written
	 * @param severity the highest severity of its events
	 * @param attributes the attributes of its events, later events winning
	 * @param error the error it reported, or {@code null}
	 * @param events its events, in the order they were written
	 */
	public record SpanDetail(String spanId, @Nullable String parentSpanId, String name, String kind, long startOffsetNanos,
			@Nullable Long durationNanos, String severity, Map<String, Object> attributes, @Nullable SpanError error,
			List<SpanEvent> events) {

		SpanDetail masked(BiFunction<String, Object, Object> mask) {
			Map<String, Object> shown = new java.util.LinkedHashMap<>();
			this.attributes.forEach((key, value) -> shown.put(key, (value != null) ? mask.apply(key, value) : null));
			return new SpanDetail(this.spanId, this.parentSpanId, this.name, this.kind, this.startOffsetNanos,
					this.durationNanos, this.severity, shown, this.error, this.events);
		}

	}

	/**
	 * The error a span reported, as written (already redacted by the writer).
	 *
	 * @param type the exception type
	 * @param message its message
	 * @param stacktrace its stack trace, or {@code null}
	 */
	public record SpanError(@Nullable String type, @Nullable String message, @Nullable String stacktrace) {

	}

	/**
	 * One event of a span.
	 *
	 * @param type the {@code event_type}
	 * @param offsetNanos when it happened, in nanoseconds after the trace started
	 * @param severity its severity
	 * @param message its message
	 * @param sequence its {@code sequence}
	 */
	public record SpanEvent(@Nullable String type, long offsetNanos, @Nullable String severity, @Nullable String message, long sequence) {

	}

}
