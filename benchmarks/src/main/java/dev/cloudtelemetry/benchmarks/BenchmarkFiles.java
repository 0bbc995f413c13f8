package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks on the event files the integration benchmarks write, so that a run shows the instrumentation
 * really was on (or off).
 */
final class BenchmarkFiles {

	private BenchmarkFiles() {
	}

	/**
	 * Counts the lines of a file holding every one of the given fragments.
	 * @param file the file, which may not exist
	 * @param fragments what a counted line contains
	 * @return the number of matching lines, {@code 0} when there is no file
	 * @throws IOException when the file cannot be read
	 */
	static long countLines(Path file, String... fragments) throws IOException {
		if (!Files.exists(file)) {
			return 0;
		}
		try (Stream<String> lines = Files.lines(file)) {
			return lines.filter((line) -> Stream.of(fragments).allMatch(line::contains)).count();
		}
	}

}
