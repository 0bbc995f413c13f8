package dev.cloudtelemetry.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses telemetry output with a real JSON parser and checks every line against
 * {@code docs/telemetry-v2.schema.json}, the field order of the specification, and the agreement of
 * {@code timestamp} with {@code timestamp_ns}.
 */
public final class TelemetrySchema {

	/** Top-level fields in the order of the specification; {@code k8s} and {@code error} are optional. */
	public static final List<String> FIELD_ORDER = List.of("schema", "timestamp", "timestamp_ns", "sequence",
			"event_type", "severity", "function_name", "trace_id", "span_id", "parent_span_id", "duration_ns",
			"message", "attributes", "correlation_id", "service", "environment", "resource", "cloud", "host", "k8s",
			"process", "error");

	private static final DateTimeFormatter RFC3339_MILLIS = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private static final Schema SCHEMA = loadSchema();

	private TelemetrySchema() {
	}

	private static Schema loadSchema() {
		Path path = schemaPath();
		try (InputStream in = Files.newInputStream(path)) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The schema file: {@code -Dtelemetry.schema} or found by walking up from the working directory. */
	public static Path schemaPath() {
		String configured = System.getProperty("telemetry.schema");
		if (configured != null && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured);
		}
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve("docs/telemetry-v2.schema.json");
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("docs/telemetry-v2.schema.json not found");
	}

	/** Reads a JSONL file and validates every line. */
	public static List<JsonNode> readValidated(Path file) {
		try {
			return validateLines(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Validates JSONL text: every line one valid event, the text ends with a line feed. */
	public static List<JsonNode> validateLines(String text) {
		List<JsonNode> events = new ArrayList<>();
		if (text.isEmpty()) {
			return events;
		}
		assertThat(text).as("JSONL ends with a line feed").endsWith("\n");
		for (String line : text.split("\n")) {
			events.add(validate(line));
		}
		return events;
	}

	/** Parses and validates one line. */
	public static JsonNode validate(String line) {
		assertThat(line).as("one event per line").doesNotContain("\n").doesNotContain("\r");
		JsonNode event = MAPPER.readTree(line);
		List<Error> errors = SCHEMA.validate(event);
		assertThat(errors).as("schema errors in %s", line).isEmpty();
		assertFieldOrder(event, line);
		long nanos = event.get("timestamp_ns").asLong();
		String expected = RFC3339_MILLIS.format(Instant.ofEpochSecond(0, nanos));
		assertThat(event.get("timestamp").asString()).as("timestamp agrees with timestamp_ns in %s", line)
			.isEqualTo(expected);
		return event;
	}

	private static void assertFieldOrder(JsonNode event, String line) {
		List<String> names = new ArrayList<>();
		Iterator<String> iterator = event.propertyNames().iterator();
		iterator.forEachRemaining(names::add);
		List<String> expected = new ArrayList<>(FIELD_ORDER);
		expected.retainAll(names);
		assertThat(names).as("field order of %s", line).containsExactlyElementsOf(expected);
	}

}
