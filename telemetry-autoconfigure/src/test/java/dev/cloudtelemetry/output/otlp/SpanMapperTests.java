package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.json.JsonReader;
import dev.cloudtelemetry.test.TelemetrySchema;

import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.TRACE;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SpanMapper} reads lines in place from their bytes; {@link MapSpanMapper} (the mapping as it was, each
 * line parsed into maps by {@code JsonReader}) is the oracle: fed the same lines in the same order, both must
 * give equal spans (name, kind, ids, times, status, events, attributes, resource) or both refuse the line.
 */
class SpanMapperTests {

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String HUGE = "x".repeat(100_000);

	/** Attribute values as JSON text, odd ones included. */
	private static final List<String> VALUES = List.of("\"plain\"", "\"\"", "\"quote \\\" and backslash \\\\\"",
			"\"tab\\tnew line\\n\\r\\b\\f\\/\"", "\"unicode é 日本 😀\"", "\"escaped \\u00e9 \\u65e5 \\ud83d\\ude00\"",
			"\"lone \\ud800 surrogate\"", "\"nul \\u0000\"", "\"" + HUGE + "\"", "\"http-nio-8080-exec-1\"", "0", "-1",
			"42", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "123456789012345678",
			"1234567890123456789", "1.5", "-2.5e-3", "1E+2", "0.0", "-0", "true", "false", "null",
			"[\"a\",1,true,null,2.5]", "[]", "{}", "{\"a\":1,\"b\":{\"c\":\"d\"}}", "[{\"x\":1},[2]]");

	private static final List<String> KEYS = List.of("program_name", "code.function", "code.namespace",
			"thread.name", "http.response.status_code", "k\\u00e9y", "a.b", "a", "correlation_id",
			"telemetry.severity", "");

	private final Random random = new Random(20261130);

	private long sequence;

	@Test
	void linesAsTheEncoderWritesThemMapAsBefore() {
		String root = spanId(1);
		String child = spanId(2);
		agree(List.of(TestLines.entry(root, null, "OrderController.place", START),
				TestLines.entry(child, root, "OrderService.place", START + 10),
				TestLines.query(spanId(3), child, START + 500, 300),
				TestLines.exit(child, root, "OrderService.place", START + 900, 890, "WARN"),
				TestLines.exit(root, null, "OrderController.place", START + 1000, 1000, "ERROR")));
	}

	@Test
	void randomSchemaValidLinesMapAsBefore() {
		List<String> lines = new ArrayList<>();
		List<String> open = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			int pick = this.random.nextInt(10);
			if (pick < 4) {
				String id = spanId(10 + i);
				open.add(id);
				lines.add(line("function_entry", "INFO", id, null, attributes(true), null));
			}
			else if (pick < 7 && !open.isEmpty()) {
				String id = open.remove(this.random.nextInt(open.size()));
				String severity = List.of("INFO", "WARN", "ERROR").get(this.random.nextInt(3));
				lines.add(line("function_exit", severity, id, 1L + this.random.nextInt(1_000_000),
						attributes(false), severity.equals("ERROR") ? error() : null));
			}
			else if (pick < 8) {
				String id = spanId(10 + i);
				lines.add(line("http_request", "INFO", id, null, attributes(false) , null));
				lines.add(line("http_response", this.random.nextBoolean() ? "ERROR" : "WARN", id, 12_345L,
						attributes(false), null));
			}
			else {
				lines.add(line("db_query", "INFO", spanId(10 + i), 300L, attributes(false), null));
			}
		}
		lines.forEach((line) -> TelemetrySchema.validate(line));
		agree(lines);
		agree(lines.stream().map(this::reordered).toList());
	}

	@Test
	void aResourceThatChangesAndChangesBackIsReadEachTime() {
		String billing = TestLines.exit(spanId(2), null, "B.b", START + 7, 5, "INFO")
			.replace("\"name\":\"orders\"", "\"name\":\"billing\"");
		String noK8s = TestLines.exit(spanId(3), null, "C.c", START + 9, 5, "INFO")
			.replaceAll(",\"k8s\":\\{[^}]*\\{[^}]*\\}\\}", "");
		TelemetrySchema.validate(billing.trim());
		TelemetrySchema.validate(noK8s.trim());
		List<MappedSpan> spans = agree(List.of(TestLines.exit(spanId(1), null, "A.a", START + 5, 5, "INFO"), billing,
				noK8s, TestLines.exit(spanId(4), null, "D.d", START + 11, 5, "INFO")));
		assertThat(spans).extracting((span) -> span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
			.containsExactly("orders", "billing", "orders", "orders");
		assertThat(spans.get(2).getResource().getAttribute(AttributeKey.stringKey("k8s.pod.name"))).isNull();
		assertThat(spans.get(3).getResource()).isEqualTo(spans.get(0).getResource());
	}

	@Test
	void aCloudPlatformOfNullIsNotExported() {
		String line = TestLines.exit(spanId(1), null, "A.a", START + 5, 5, "INFO").trim()
			.replace("\"platform\":\"eks\"", "\"platform\":null");
		TelemetrySchema.validate(line);
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		MappedSpan span = new SpanMapper(10, null).map(bytes, 0, bytes.length);
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("cloud.platform"))).isNull();
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("cloud.provider"))).isEqualTo("aws");
	}

	@Test
	void malformedLinesAreRefusedAndTheNextLineStillMaps() {
		String good = TestLines.exit(spanId(1), null, "A.a", START + 5, 5, "INFO").trim();
		String front = good.substring(0, good.indexOf(",\"service\""));
		List<String> bad = List.of("", "   ", "{", "[1]", "42", "\"text\"", "{}x", good + "x", good + "}",
				"{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"span_id\":\"0000000000001001\"",
				front + ",\"service\":{\"name\":\"x\"", good.replace("\"message\":\"A.a\"", "\"message\":\"tab\there\""),
				good.replace("\"message\":\"A.a\"", "\"message\":\"bad \\x escape\""),
				good.replace("\"message\":\"A.a\"", "\"message\":\"short \\u12\""),
				good.replace("\"duration_ns\":5", "\"duration_ns\":05"),
				good.replace("\"duration_ns\":5", "\"duration_ns\":5."),
				good.replace("\"duration_ns\":5", "\"duration_ns\":-"),
				good.replace("\"duration_ns\":5", "\"duration_ns\":1e"),
				good.replace("\"duration_ns\":5", "\"duration_ns\":+5"),
				good.replace("\"duration_ns\":5", "\"duration_ns\":1e999"),
				good.replace("\"sequence\":", "\"sequence\":tru,\"x\":"),
				good.replace("\"attributes\":{", "\"attributes\":{\"deep\":" + "[".repeat(70) + "]".repeat(70) + ","),
				good.replace("\"timestamp_ns\":", "\"timestamp_ns\":\"text\",\"x\":"));
		List<String> lines = new ArrayList<>();
		for (String line : bad) {
			lines.add(line);
			lines.add(good);
		}
		agree(lines);
		for (String line : bad) {
			byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
			assertThatIllegalArgumentException().as(line)
				.isThrownBy(() -> new SpanMapper(10, null).map(bytes, 0, bytes.length));
		}
	}

	@Test
	void theOldestEntriesAreLetGoPastTheLimit() {
		SpanMapper mapper = new SpanMapper(2, "overridden");
		for (int i = 0; i < 3; i++) {
			byte[] entry = TestLines.entry(spanId(i), null, "A.a", START + i).getBytes(StandardCharsets.UTF_8);
			mapper.map(entry, 0, entry.length - 1);
		}
		assertThat(mapper.openSpans()).isEqualTo(2);
		assertThat(mapper.evictedEntries()).isOne();
		byte[] exit = TestLines.exit(spanId(0), null, "A.a", START + 9, 5, "INFO").getBytes(StandardCharsets.UTF_8);
		MappedSpan span = mapper.map(exit, 0, exit.length - 1);
		assertThat(span.getStartEpochNanos()).isEqualTo(START + 4);
		assertThat(span.getAttributes().get(AttributeKey.stringKey("function.parameters"))).isNull();
		assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("overridden");
	}

	@Test
	void theMapEntryPointsStillMap() {
		SpanMapper mapper = new SpanMapper(10, null);
		MapSpanMapper oracle = new MapSpanMapper(10, null);
		for (String line : List.of(TestLines.entry(spanId(1), null, "A.a", START),
				TestLines.exit(spanId(1), null, "A.a", START + 5, 5, "ERROR"))) {
			assertThat(mapper.map(parse(line))).isEqualTo(oracle.map(parse(line)));
		}
	}

	/** Maps the lines one by one and as one chunk with both mappers; returns the spans. */
	private List<MappedSpan> agree(List<String> lines) {
		MapSpanMapper oracle = new MapSpanMapper(1000, null);
		SpanMapper mapper = new SpanMapper(1000, null);
		SpanMapper chunkMapper = new SpanMapper(1000, null);
		List<MappedSpan> expected = new ArrayList<>();
		List<MappedSpan> spans = new ArrayList<>();
		StringBuilder chunk = new StringBuilder();
		for (String text : lines) {
			String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
			chunk.append(line).append('\n');
			MappedSpan wanted;
			try {
				wanted = oracle.map(parse(line));
			}
			catch (RuntimeException ex) {
				byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
				assertThatIllegalArgumentException().as(line).isThrownBy(() -> mapper.map(bytes, 0, bytes.length));
				continue;
			}
			byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
			MappedSpan span = mapper.map(bytes, 0, bytes.length);
			assertThat(span).as(line).isEqualTo(wanted);
			if (wanted != null) {
				expected.add(wanted);
				spans.add(span);
			}
		}
		byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
		List<MappedSpan> fromChunk = new ArrayList<>();
		int start = 0;
		while (start < bytes.length) {
			int end = start;
			while (bytes[end] != '\n') {
				end++;
			}
			try {
				MappedSpan span = chunkMapper.map(bytes, start, end);
				if (span != null) {
					fromChunk.add(span);
				}
			}
			catch (IllegalArgumentException ex) {
				// counted as unreadable by the exporters
			}
			start = end + 1;
		}
		assertThat(fromChunk).isEqualTo(expected);
		assertThat(chunkMapper.openSpans()).isEqualTo(oracle.openSpans());
		return spans;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String line) {
		return (Map<String, Object>) JsonReader.parse(line);
	}

	private String attributes(boolean entry) {
		List<String> members = new ArrayList<>();
		members.add("\"program_name\":\"orders.jar\"");
		if (entry) {
			members.add("\"function.parameters\":\"sku, quantity\"");
		}
		if (this.random.nextInt(4) == 0) {
			members.add("\"span.kind\":" + List.of("\"server\"", "\"client\"", "\"producer\"", "\"consumer\"", "5",
					"null", "\"other\"").get(this.random.nextInt(7)));
		}
		int count = this.random.nextInt(6);
		for (int i = 0; i < count; i++) {
			String value = VALUES.get(this.random.nextInt(VALUES.size()));
			if (value.length() > 1000 && this.random.nextInt(5) > 0) {
				value = "\"short\"";
			}
			members.add("\"" + KEYS.get(this.random.nextInt(KEYS.size())) + "\":" + value);
		}
		Collections.shuffle(members, this.random);
		return "{" + String.join(space(","), members) + "}";
	}

	private String error() {
		return this.random.nextBoolean()
				? "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"out of \\\"stock\\\"\",\"stacktrace\":\"at x\\n\\tat y\"}"
				: "{\"type\":\"java.lang.NullPointerException\",\"message\":null,\"stacktrace\":null}";
	}

	private String space(String separator) {
		return switch (this.random.nextInt(6)) {
			case 0 -> " " + separator + " ";
			case 1 -> separator + "\t";
			default -> separator;
		};
	}

	private String line(String type, String severity, String spanId, Long duration, String attributes, String error) {
		long at = START + (this.sequence * 1000);
		String name = List.of("OrderService.place", "Ünïcode.méthode", "GET /orders/{id}", "SELECT orders")
			.get(this.random.nextInt(4));
		String parent = this.random.nextBoolean() ? "\"" + spanId(7) + "\"" : "null";
		String tail = this.random.nextInt(10) == 0 ? TestLines.TAIL.replace("\"orders-1\"", "\"orders-2\"")
				: TestLines.TAIL;
		return "{\"schema\":{\"format\":\"telemetry.v2\",\"version\":\"2.0.0\"},\"timestamp\":\""
				+ RFC3339.format(Instant.ofEpochSecond(0, at)) + "\",\"timestamp_ns\":" + at + ",\"sequence\":"
				+ (++this.sequence) + ",\"event_type\":\"" + type + "\",\"severity\":\"" + severity
				+ "\",\"function_name\":" + (type.startsWith("function") || this.random.nextBoolean() ? "\"" + name + "\"" : "null")
				+ ",\"trace_id\":\"" + TRACE + "\",\"span_id\":\"" + spanId + "\",\"parent_span_id\":" + parent
				+ space(",") + "\"duration_ns\":" + duration + ",\"message\":\"" + name + " \\\"quoted\\\"\""
				+ space(",") + "\"attributes\":" + attributes + ",\"correlation_id\":"
				+ (type.startsWith("function") || this.random.nextBoolean() ? "\"func_" + spanId.substring(8) + "\"" : "null")
				+ "," + tail + ((error != null) ? ",\"error\":" + error : "") + "}";
	}

	/** The same members in another order (telemetry.v2 readers may not rely on the order). */
	private String reordered(String line) {
		Map<String, Object> event = parse(line);
		List<String> names = new ArrayList<>(event.keySet());
		Collections.shuffle(names, this.random);
		StringBuilder result = new StringBuilder("{");
		for (String name : names) {
			dev.cloudtelemetry.core.json.JsonWriter value = new dev.cloudtelemetry.core.json.JsonWriter(256);
			value.value(event.get(name));
			result.append(result.length() > 1 ? space(",") : "").append('"').append(name).append("\":").append(value);
		}
		return result.append('}').toString();
	}

}
