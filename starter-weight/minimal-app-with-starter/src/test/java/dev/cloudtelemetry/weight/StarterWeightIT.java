package dev.cloudtelemetry.weight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter adds to an application: the runtime jars of the smallest Spring Boot application,
 * {@code spring-boot-starter} only, without and with {@code telemetry-spring-boot-starter}, less the jars that
 * Spring Boot's Maven and Gradle plugins leave out of a fat jar's {@code BOOT-INF/lib} (a manifest
 * {@code Spring-Boot-Jar-Type} of {@code dependencies-starter}, {@code annotation-processor} or
 * {@code development-tool}, as Boot's own starters and ours are). Every class-path resource lookup walks every
 * jar, so the number of jars counts first, then their size. (The e2e application's real fat jar is checked the
 * same way by benchmarks/e2e/smoke.sh.)
 */
class StarterWeightIT {

	/**
	 * The bound the project holds itself to (issue #8 allows 15): telemetry-autoconfigure, which carries the
	 * Kubernetes and AWS IMDS clients as bundles off the class path and datasource-proxy relocated. The starter's
	 * own jar is a jar of dependencies only, left out of fat jars. See docs/dependencies.md.
	 */
	static final int MAX_JARS = 1;

	/** The manifest types Spring Boot's packaging leaves out of a fat jar. */
	static final Set<String> LEFT_OUT_TYPES = Set.of("dependencies-starter", "annotation-processor",
			"development-tool");

	/** MB as in the figures: MiB, 1024 × 1024 bytes. */
	static final long MAX_BYTES = 15L * 1024 * 1024;

	@Test
	void theStarterAddsOneJarOfAtMostFifteenMegabytesToAFatJar() throws IOException {
		Map<String, Long> baseline = jars(Path.of(System.getProperty("weight.baseline")));
		Path withStarterDirectory = Path.of(System.getProperty("weight.withStarter"));
		Map<String, Long> withStarter = jars(withStarterDirectory);
		assertThat(baseline).as("the minimal application's jars").isNotEmpty();
		Map<String, Long> added = new TreeMap<>(withStarter);
		added.keySet().removeAll(baseline.keySet());
		String starter = withStarter.keySet()
			.stream()
			.filter((jar) -> jar.startsWith("dev.cloudtelemetry.telemetry-spring-boot-starter-"))
			.findFirst()
			.orElseThrow();
		assertThat(jarType(withStarterDirectory.resolve(starter)))
			.as("the starter's Spring-Boot-Jar-Type").isEqualTo("dependencies-starter");
		List<String> leftOut = added.keySet()
			.stream()
			.filter((jar) -> LEFT_OUT_TYPES.contains(jarType(withStarterDirectory.resolve(jar))))
			.toList();
		added.keySet().removeAll(leftOut);
		List<String> replaced = baseline.keySet().stream().filter((jar) -> !withStarter.containsKey(jar)).toList();
		long bytes = added.values().stream().mapToLong(Long::longValue).sum();
		System.out.println(report(baseline, withStarter, added, replaced, bytes));
		System.out.println("  left out of a fat jar by Spring Boot's packaging: " + leftOut);
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

	private static String jarType(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String type = (manifest != null) ? manifest.getMainAttributes().getValue("Spring-Boot-Jar-Type") : null;
			return (type != null) ? type : "";
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
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
