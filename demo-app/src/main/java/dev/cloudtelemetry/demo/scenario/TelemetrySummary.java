package dev.cloudtelemetry.demo.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the starter wrote: events by type, traces, and the largest trace drawn as a tree of spans.
 *
 * @param output the JSONL file
 * @param events every event, in file order
 */
public record TelemetrySummary(Path output, List<JsonNode> events) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	static TelemetrySummary read(Path output) {
		try {
			List<JsonNode> events = new ArrayList<>();
			for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					events.add(MAPPER.readTree(line));
				}
			}
			return new TelemetrySummary(output.toAbsolutePath(), events);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Number of events per {@code event_type}. */
	public Map<String, Long> countsByType() {
		Map<String, Long> counts = new TreeMap<>();
		this.events.forEach((e) -> counts.merge(e.get("event_type").asString(), 1L, Long::sum));
		return counts;
	}

	/** Events grouped by trace id, in order of first appearance. */
	public Map<String, List<JsonNode>> traces() {
		Map<String, List<JsonNode>> traces = new LinkedHashMap<>();
		this.events.forEach((e) -> traces.computeIfAbsent(e.get("trace_id").asString(), (k) -> new ArrayList<>()).add(e));
		return traces;
	}

	String render() {
		StringBuilder text = new StringBuilder();
		text.append("\n=== telemetry.v2 written to ").append(this.output).append(" ===\n");
		text.append(this.events.size()).append(" events: ");
		countsByType().forEach((type, count) -> text.append(type).append(' ').append(count).append("  "));
		long errors = this.events.stream().filter((e) -> e.get("severity").asString().equals("ERROR")).count();
		long warnings = this.events.stream().filter((e) -> e.get("severity").asString().equals("WARN")).count();
		Map<String, List<JsonNode>> traces = traces();
		text.append("\n").append(traces.size()).append(" traces, ").append(errors).append(" ERROR and ")
			.append(warnings).append(" WARN events\n");
		traces.values().stream().max(Comparator.comparingInt(List::size)).ifPresent((trace) -> renderTrace(trace, text));
		return text.toString();
	}

	private static void renderTrace(List<JsonNode> trace, StringBuilder text) {
		Map<String, SpanLine> spans = new LinkedHashMap<>();
		for (JsonNode event : trace) {
			String spanId = event.get("span_id").asString();
			SpanLine span = spans.computeIfAbsent(spanId, (id) -> new SpanLine(event));
			span.update(event);
		}
		text.append("\nLargest trace ").append(trace.get(0).get("trace_id").asString()).append(" (")
			.append(spans.size()).append(" spans):\n");
		spans.values()
			.stream()
			.filter((span) -> span.parent == null || !spans.containsKey(span.parent))
			.forEach((root) -> root.render(spans, 1, text));
	}

	private static final class SpanLine {

		private final String spanId;

		private final String parent;

		private String label;

		private long durationNanos = -1;

		private String severity = "INFO";

		SpanLine(JsonNode first) {
			this.spanId = first.get("span_id").asString();
			this.parent = first.get("parent_span_id").isNull() ? null : first.get("parent_span_id").asString();
			this.label = label(first);
		}

		void update(JsonNode event) {
			if (!event.get("duration_ns").isNull()) {
				this.durationNanos = event.get("duration_ns").asLong();
			}
			String severity = event.get("severity").asString();
			if (severity.equals("ERROR") || (severity.equals("WARN") && !this.severity.equals("ERROR"))) {
				this.severity = severity;
			}
			JsonNode attributes = event.get("attributes");
			if (attributes != null && attributes.has("http.route")) {
				// the route template is known once the request has been handled
				this.label = label(event);
			}
		}

		private static String label(JsonNode event) {
			JsonNode attributes = event.get("attributes");
			String type = event.get("event_type").asString();
			if (type.startsWith("http")) {
				String kind = text(attributes, "span.kind");
				String method = text(attributes, "http.method", "http.request.method");
				String target = ("server".equals(kind)) ? text(attributes, "http.route", "http.target", "url.path")
						: text(attributes, "http.url", "url.full");
				return "HTTP " + (kind != null ? kind + " " : "") + (method != null ? method : "") + " "
						+ (target != null ? target : "");
			}
			if (type.equals("db_query")) {
				String statement = text(attributes, "db.statement", "db.query.text");
				return "SQL " + ((statement != null && statement.length() > 70) ? statement.substring(0, 67) + "..."
						: statement);
			}
			return event.get("function_name").isNull() ? type : event.get("function_name").asString();
		}

		private static String text(JsonNode attributes, String... names) {
			for (String name : names) {
				if (attributes != null && attributes.has(name)) {
					return attributes.get(name).asString();
				}
			}
			return null;
		}

		void render(Map<String, SpanLine> spans, int depth, StringBuilder text) {
			text.append("  ".repeat(depth)).append(this.label);
			if (this.durationNanos >= 0) {
				text.append(String.format(Locale.ROOT, "  %.2f ms", this.durationNanos / 1_000_000.0));
			}
			if (!this.severity.equals("INFO")) {
				text.append("  [").append(this.severity).append(']');
			}
			text.append('\n');
			spans.values()
				.stream()
				.filter((child) -> this.spanId.equals(child.parent))
				.forEach((child) -> child.render(spans, depth + 1, text));
		}

	}

}
