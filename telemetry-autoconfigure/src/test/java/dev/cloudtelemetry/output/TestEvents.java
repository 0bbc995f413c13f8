package dev.cloudtelemetry.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.TelemetryRedactor;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

/**
 * Events, encoders and file reading shared by the output tests.
 */
final class TestEvents {

	static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	static final NanoClock CLOCK = NanoClock.system();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final SpanFactory SPANS = new SpanFactory(CLOCK);

	private TestEvents() {
	}

	static EventEncoder encoder() {
		return new EventEncoder(() -> RESOURCE, false, 1000);
	}

	static EventEncoder encoder(TelemetryRedactor... redactors) {
		return new EventEncoder(() -> RESOURCE, true, Limits.none(4000), Redactors.of(List.of(redactors)));
	}

	static TelemetryEvent event(String message) {
		return GenericEvent.builder("test_event", CLOCK.epochNanos())
			.span(SPANS.start(null, "test", "func", null))
			.message(message)
			.build();
	}

	static TelemetryEvent failing(String message, Throwable error) {
		return GenericEvent.builder("test_event", CLOCK.epochNanos())
			.severity(Severity.ERROR)
			.span(SPANS.start(null, "test", "func", null))
			.message(message)
			.error(error)
			.build();
	}

	/** Every line of the files, in order, each validated against the schema. */
	static List<JsonNode> readAll(List<Path> files) {
		List<JsonNode> events = new ArrayList<>();
		for (Path file : files) {
			events.addAll(TelemetrySchema.readValidated(file));
		}
		return events;
	}

	/**
	 * Every line of a large file parsed, one in {@code every} validated against the schema (validating
	 * hundreds of thousands of lines would take minutes).
	 */
	static List<JsonNode> readSampled(Path file, int every) {
		try {
			List<String> lines = Files.readAllLines(file);
			List<JsonNode> events = new ArrayList<>(lines.size());
			for (int i = 0; i < lines.size(); i++) {
				events.add((i % every == 0) ? TelemetrySchema.validate(lines.get(i)) : MAPPER.readTree(lines.get(i)));
			}
			return events;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The test events among the lines (not the writer's own reports). */
	static List<JsonNode> testEvents(List<JsonNode> events) {
		return events.stream().filter((e) -> e.get("event_type").asString().equals("test_event")).toList();
	}

	static List<Long> sequences(List<JsonNode> events) {
		return events.stream().map((e) -> e.get("sequence").asLong()).toList();
	}

	/** The files of a directory sorted by name. */
	static List<Path> files(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
