package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.output.WriterStatsProvider;

import org.springframework.context.ApplicationContext;

/**
 * Checks for the integration benchmarks, so that a run shows the instrumentation really was on (or off)
 * and how much of its output the writer kept up with.
 */
final class IntegrationChecks {

	private static final int SAMPLE = 1000;

	private IntegrationChecks() {
	}

	/**
	 * Describes what the starter's writer did, if the context has one.
	 * @param context the application context, still open
	 * @return the writer's statistics, or a note that telemetry is off
	 */
	static String writerStats(ApplicationContext context) {
		WriterStatsProvider writer = context.getBeanProvider(WriterStatsProvider.class).getIfAvailable();
		if (writer == null) {
			return "no telemetry writer";
		}
		WriterStats stats = writer.stats();
		return "writer wrote " + stats.written() + " events, dropped " + stats.dropped() + " (queue full)";
	}

	/**
	 * Counts, among the first thousand lines of a file, those holding every one of the given fragments.
	 * Only a sample: reading millions of lines would land in the last iteration's allocation figures.
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
			return lines.limit(SAMPLE).filter((line) -> Stream.of(fragments).allMatch(line::contains)).count();
		}
	}

}
