package dev.cloudtelemetry.output.recent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.json.JsonReader;
import dev.cloudtelemetry.output.recent.RecentTraces.TraceLines;
import dev.cloudtelemetry.output.recent.TraceDetail.SpanDetail;
import dev.cloudtelemetry.output.recent.TraceDetail.SpanError;
import dev.cloudtelemetry.output.recent.TraceDetail.SpanEvent;

/**
 * Turns the lines of one trace into spans: the events of a span are grouped by {@code span_id}; its start
 * is its first event's timestamp, or its end minus its duration when only the end was written (a
 * statement); its kind comes from {@code span.kind} and the database attributes. The page does the same
 * for a JSONL file in the browser.
 */
public final class TraceAssembler {

	private TraceAssembler() {
	}

	/**
	 * @param trace the lines of one trace
	 * @return the trace's spans and summary
	 */
	public static TraceDetail assemble(TraceLines trace) {
		Map<String, Builder> spans = new LinkedHashMap<>();
		String service = null;
		for (String line : trace.lines()) {
			Map<?, ?> event;
			try {
				event = (JsonReader.parse(line) instanceof Map<?, ?> map) ? map : null;
			}
			catch (IllegalArgumentException ex) {
				event = null;
			}
			if (event == null || !(event.get("span_id") instanceof String spanId)) {
				continue;
			}
			if (service == null && event.get("service") instanceof Map<?, ?> block && block.get("name") instanceof String name) {
				service = name;
			}
			spans.computeIfAbsent(spanId, Builder::new).add(event);
		}
		long start = Long.MAX_VALUE;
		long end = Long.MIN_VALUE;
		for (Builder span : spans.values()) {
			start = Math.min(start, span.start());
			end = Math.max(end, span.end());
		}
		List<SpanDetail> details = new ArrayList<>(spans.size());
		int errors = 0;
		int warnings = 0;
		for (Builder span : spans.values()) {
			SpanDetail detail = span.build(start);
			details.add(detail);
			errors += "ERROR".equals(detail.severity()) ? 1 : 0;
			warnings += "WARN".equals(detail.severity()) ? 1 : 0;
		}
		details.sort(Comparator.comparingLong(SpanDetail::startOffsetNanos));
		SpanDetail root = details.stream()
			.filter((span) -> span.parentSpanId() == null || !spans.containsKey(span.parentSpanId()))
			.findFirst()
			.orElse(null);
		if (details.isEmpty()) {
			start = 0;
			end = 0;
		}
		Instant instant = Instant.ofEpochSecond(0, start);
		TraceSummary summary = new TraceSummary(trace.traceId(), (root != null) ? root.name() : null, service,
				instant.toString(), instant.toEpochMilli(), end - start, details.size(), errors, warnings,
				trace.completed(), trace.linesNotKept());
		return new TraceDetail(summary, details);
	}

	static String kind(@Nullable String eventType, Map<String, Object> attributes) {
		if ("db_query".equals(eventType) || attributes.containsKey("db.system")
				|| attributes.containsKey("db.system.name")) {
			return "db";
		}
		Object kind = attributes.get("span.kind");
		return (kind instanceof String text && (text.equals("server") || text.equals("client"))) ? text : "internal";
	}

	private static final class Builder {

		private final String spanId;

		private @Nullable String parentSpanId;

		private @Nullable String name;

		private @Nullable String eventType;

		private long first = Long.MAX_VALUE;

		private long last = Long.MIN_VALUE;

		private @Nullable Long duration;

		private String severity = "TRACE";

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private @Nullable SpanError error;

		private final List<Map<?, ?>> events = new ArrayList<>();

		Builder(String spanId) {
			this.spanId = spanId;
		}

		void add(Map<?, ?> event) {
			this.events.add(event);
			if (event.get("parent_span_id") instanceof String parent) {
				this.parentSpanId = parent;
			}
			long timestamp = number(event.get("timestamp_ns"));
			this.first = Math.min(this.first, timestamp);
			this.last = Math.max(this.last, timestamp);
			if (event.get("duration_ns") instanceof Number number) {
				this.duration = number.longValue();
				// the end event names the span best (a server span gets its route)
				this.name = text(event.get("function_name"), this.name);
				this.eventType = text(event.get("event_type"), this.eventType);
			}
			else if (this.name == null) {
				this.name = text(event.get("function_name"), null);
				this.eventType = text(event.get("event_type"), null);
			}
			String eventSeverity = (event.get("severity") instanceof String text) ? text : "INFO";
			if (rank(eventSeverity) > rank(this.severity)) {
				this.severity = eventSeverity;
			}
			if (event.get("attributes") instanceof Map<?, ?> values) {
				values.forEach((key, value) -> this.attributes.put(String.valueOf(key), value));
			}
			if (this.error == null && event.get("error") instanceof Map<?, ?> reported) {
				this.error = new SpanError(text(reported.get("type"), null), text(reported.get("message"), null),
						text(reported.get("stacktrace"), null));
			}
		}

		long start() {
			return (this.duration != null && this.events.size() == 1) ? this.last - this.duration : this.first;
		}

		long end() {
			return (this.duration != null) ? Math.max(this.last, start() + this.duration) : this.last;
		}

		SpanDetail build(long traceStart) {
			List<SpanEvent> shown = new ArrayList<>(this.events.size());
			for (Map<?, ?> event : this.events) {
				shown.add(new SpanEvent(text(event.get("event_type"), null), number(event.get("timestamp_ns")) - traceStart,
						text(event.get("severity"), null), text(event.get("message"), null),
						number(event.get("sequence"))));
			}
			return new SpanDetail(this.spanId, this.parentSpanId, (this.name != null) ? this.name : this.spanId,
					kind(this.eventType, this.attributes), start() - traceStart, this.duration, this.severity,
					this.attributes, this.error, shown);
		}

		private static int rank(String severity) {
			return switch (severity) {
				case "ERROR" -> 4;
				case "WARN" -> 3;
				case "INFO" -> 2;
				case "DEBUG" -> 1;
				default -> 0;
			};
		}

		private static long number(@Nullable Object value) {
			return (value instanceof Number number) ? number.longValue() : 0;
		}

		private static @Nullable String text(@Nullable Object value, @Nullable String otherwise) {
			return (value instanceof String string) ? string : otherwise;
		}

	}

}
