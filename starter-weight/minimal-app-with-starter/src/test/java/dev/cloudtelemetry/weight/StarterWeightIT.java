package dev.cloudtelemetry.weight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter adds to an application: the runtime jars (what a Boot fat jar holds in
 * {@code BOOT-INF/lib}) of the smallest Spring Boot application, {@code spring-boot-starter} only, without
 * and with {@code telemetry-spring-boot-starter}. Every class-path resource lookup walks every jar, so the
 * number of jars counts first, then their size.
 */
class StarterWeightIT {

	/**
	 * The bound the project holds itself to: the starter's own (empty) jar, telemetry-autoconfigure,
	 * datasource-proxy, client-java-api with what its generated code needs at run time (okhttp, okio,
	 * kotlin-stdlib, gson, gson-fire) and imds with the five SDK modules it loads (sdk-core, utils,
	 * http-client-spi, json-utils, third-party-jackson-core). See benchmarks/README.md, "Weight".
	 */
	static final int MAX_JARS = 15;

	/** MB as in the figures: MiB, 1024 × 1024 bytes. */
	static final long MAX_BYTES = 15L * 1024 * 1024;

	@Test
	void theStarterAddsAtMostSixteenJarsAndFifteenMegabytes() throws IOException {
		Map<String, Long> baseline = jars(Path.of(System.getProperty("weight.baseline")));
		Map<String, Long> withStarter = jars(Path.of(System.getProperty("weight.withStarter")));
		assertThat(baseline).as("the minimal application's jars").isNotEmpty();
		Map<String, Long> added = new TreeMap<>(withStarter);
		added.keySet().removeAll(baseline.keySet());
		List<String> replaced = baseline.keySet().stream().filter((jar) -> !withStarter.containsKey(jar)).toList();
		long bytes = added.values().stream().mapToLong(Long::longValue).sum();
		System.out.println(report(baseline, withStarter, added, replaced, bytes));
		assertThat(replaced).as("jars of the minimal application that the starter changes").isEmpty();
		assertThat(added).as("jars the starter adds").hasSizeLessThanOrEqualTo(MAX_JARS);
		assertThat(bytes).as("bytes the starter adds").isLessThanOrEqualTo(MAX_BYTES);
	}

	private static String report(Map<String, Long> baseline, Map<String, Long> withStarter, Map<String, Long> added,
			List<String> replaced, long bytes) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "starter adds %d jars, %.2f MB (%d bytes; bound %d jars, %d MB):"
				+ " %d -> %d jars%n", added.size(), bytes / 1048576.0, bytes, MAX_JARS, MAX_BYTES / 1048576,
				baseline.size(), withStarter.size()));
		added.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.forEach((jar) -> report
				.append(String.format(Locale.ROOT, "  %8.2f MB  %s%n", jar.getValue() / 1048576.0, jar.getKey())));
		replaced.forEach((jar) -> report.append("  replaced: ").append(jar).append(System.lineSeparator()));
		return report.toString();
	}

	private static Map<String, Long> jars(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jar"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString(), StarterWeightIT::size, (a, b) -> a,
						TreeMap::new));
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
