package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.cloudtelemetry.test.TelemetrySchema;

/**
 * telemetry.v2 lines as the encoder writes them, each validated against the schema before use.
 */
final class TestLines {

	static final String TRACE = "2857fe5d0dfe74c6fe70da0c3b5f65d8";

	static final long START = 1_795_239_304_101_234_567L;

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	static final String TAIL = "\"service\":{\"name\":\"orders\",\"version\":\"1.2.3\"},\"environment\":\"prod\","
			+ "\"resource\":{\"telemetry.sdk.name\":\"custom-injector\",\"telemetry.sdk.version\":\"2.0.0\","
			+ "\"runtime.name\":\"java\",\"runtime.version\":\"17.0.15\",\"os.type\":\"linux\",\"os.description\":\"Linux 6.1.0\"},"
			+ "\"cloud\":{\"provider\":\"aws\",\"region\":\"eu-west-1\",\"account.id\":\"123456789012\",\"instance.id\":\"i-0abc\","
			+ "\"platform\":\"eks\",\"metadata_source\":\"IMDSv2\"},\"host\":{\"name\":\"node-1\",\"ip\":\"10.0.0.7\"},"
			+ "\"k8s\":{\"cluster.name\":\"prod\",\"namespace.name\":\"shop\",\"pod.name\":\"orders-1\",\"pod_labels\":{\"app\":\"orders\"}},"
			+ "\"process\":{\"pid\":4242,\"executable\":\"/usr/bin/java\",\"command_line\":\"java -jar orders.jar\"}";

	private static long sequence;

	private TestLines() {
	}

	static String entry(String spanId, String parent, String name, long at) {
		return line("function_entry", "INFO", name, spanId, parent, at, null,
				"{\"function.parameters\":\"sku, quantity\",\"program_name\":\"orders.jar\",\"code.namespace\":\"com.example.OrderService\","
						+ "\"code.function\":\"place\",\"thread.name\":\"http-nio-8080-exec-1\"}",
				null);
	}

	static String exit(String spanId, String parent, String name, long at, long duration, String severity) {
		String error = "ERROR".equals(severity)
				? "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"out of stock\",\"stacktrace\":\"at x\"}" : null;
		return line("function_exit", severity, name, spanId, parent, at, duration,
				"{\"program_name\":\"orders.jar\",\"code.namespace\":\"com.example.OrderService\",\"code.function\":\"place\"}", error);
	}

	static String query(String spanId, String parent, long at, long duration) {
		return line("db_query", "INFO", "SELECT orders", spanId, parent, at, duration,
				"{\"db.system\":\"h2\",\"db.operation\":\"SELECT\",\"db.statement\":\"select * from orders where id=?\","
						+ "\"span.kind\":\"client\"}",
				null);
	}

	static String line(String type, String severity, String name, String spanId, String parent, long at,
			Long duration, String attributes, String error) {
		String line = "{\"schema\":{\"format\":\"telemetry.v2\",\"version\":\"2.0.0\"},\"timestamp\":\""
				+ RFC3339.format(Instant.ofEpochSecond(0, at)) + "\",\"timestamp_ns\":" + at + ",\"sequence\":"
				+ (++sequence) + ",\"event_type\":\"" + type + "\",\"severity\":\"" + severity
				+ "\",\"function_name\":\"" + name + "\",\"trace_id\":\"" + TRACE + "\",\"span_id\":\"" + spanId
				+ "\",\"parent_span_id\":" + ((parent != null) ? "\"" + parent + "\"" : "null") + ",\"duration_ns\":"
				+ duration + ",\"message\":\"" + name + "\",\"attributes\":" + attributes + ",\"correlation_id\":\"func_"
				+ spanId.substring(8) + "\"," + TAIL + ((error != null) ? ",\"error\":" + error : "") + "}";
		TelemetrySchema.validate(line);
		return line + "\n";
	}

	static byte[] bytes(String... lines) {
		return String.join("", lines).getBytes(StandardCharsets.UTF_8);
	}

	static String spanId(int n) {
		return String.format("%016x", 0x1000L + n);
	}

}
