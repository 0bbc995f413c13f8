package dev.cloudtelemetry.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.cloudtelemetry.test.TelemetrySchema;

/**
 * Checks the JSONL an application wrote during the end-to-end benchmark ({@code benchmarks/e2e/run.sh}):
 * the file is not empty, every line ends with a line feed, and a sample of lines spread over the whole
 * file passes {@link TelemetrySchema#validate(String)} (docs/telemetry-v2.schema.json, field order,
 * timestamps). Also counts the events of each type, so that the script can report events per request.
 * Events inside a span ({@code parent_span_id} not null) are counted apart: the statements that create
 * and seed the database at start-up belong to no request. Prints {@code key=value} lines; exits with
 * status 1 when a check fails.
 *
 * <p>Usage: {@code java -Dtelemetry.schema=docs/telemetry-v2.schema.json -cp benchmarks.jar
 * dev.cloudtelemetry.benchmarks.JsonlSchemaCheck FILE [SAMPLE_SIZE]}
 */
public final class JsonlSchemaCheck {

	private static final String EVENT_TYPE = "\"event_type\":\"";

	private static final String NO_PARENT = "\"parent_span_id\":null";

	private JsonlSchemaCheck() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("usage: JsonlSchemaCheck FILE [SAMPLE_SIZE]");
			System.exit(2);
		}
		Path file = Path.of(args[0]);
		int sampleSize = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		long lines = countLines(file);
		long bytes = Files.size(file);
		System.out.println("lines=" + lines);
		System.out.println("bytes=" + bytes);
		if (lines == 0) {
			System.out.println("error=the file is empty");
			System.exit(1);
		}
		if (!endsWithLineFeed(file)) {
			System.out.println("error=the last line has no line feed");
			System.exit(1);
		}
		long step = Math.max(1, lines / sampleSize);
		Map<String, Long> types = new TreeMap<>();
		Map<String, Long> typesInSpan = new TreeMap<>();
		long validated = 0;
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			long index = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine(), index++) {
				String type = eventType(line);
				types.merge(type, 1L, Long::sum);
				if (!line.contains(NO_PARENT)) {
					typesInSpan.merge(type, 1L, Long::sum);
				}
				if (index % step == 0 || index == lines - 1) {
					try {
						TelemetrySchema.validate(line);
						validated++;
					}
					catch (AssertionError | RuntimeException ex) {
						System.out.println("error=line " + (index + 1) + ": " + ex.getMessage().replace('\n', ' '));
						System.exit(1);
					}
				}
			}
		}
		System.out.println("validated=" + validated);
		types.forEach((type, count) -> System.out.println("events." + type + "=" + count));
		typesInSpan.forEach((type, count) -> System.out.println("events_in_span." + type + "=" + count));
	}

	private static long countLines(Path file) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return reader.lines().count();
		}
	}

	private static boolean endsWithLineFeed(Path file) throws IOException {
		try (SeekableByteChannel channel = Files.newByteChannel(file)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			channel.position(channel.size() - 1).read(last);
			return last.get(0) == '\n';
		}
	}

	private static String eventType(String line) {
		int start = line.indexOf(EVENT_TYPE);
		if (start < 0) {
			return "none";
		}
		start += EVENT_TYPE.length();
		return line.substring(start, line.indexOf('"', start));
	}

}
