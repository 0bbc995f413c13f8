package dev.cloudtelemetry.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.output.AsyncEventWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's classes load on a thread of their own while the application starts ({@link ClassPreloading}):
 * the list names classes that exist, each is asked for through the starter's class loader, and in a real
 * start of a child JVM ({@code -Xlog:class+load} with thread ids) the auto-configurations are loaded off the
 * main thread, by the main thread with Spring Boot's switch, and not at all with the starter turned off.
 */
class ClassPreloadingTests {

	private static final String AUTO_CONFIGURATION = TelemetryAutoConfiguration.class.getName();

	private static final String SHADED = "dev.cloudtelemetry.shaded.dsproxy.";

	@TempDir
	Path tempDir;

	@Test
	void theListNamesClassesOfTheStarterThatExistEachOnce() throws IOException {
		List<String> listed = listed();
		assertThat(listed).hasSizeGreaterThan(100)
			.doesNotHaveDuplicates()
			.allSatisfy((name) -> assertThat(name).startsWith("dev.cloudtelemetry.").doesNotContain("$$"));
		ClassLoader loader = getClass().getClassLoader();
		List<String> missing = unshaded(listed).stream().filter((name) -> {
			try {
				Class.forName(name, false, loader);
				return false;
			}
			catch (ClassNotFoundException ex) {
				return true;
			}
		}).toList();
		assertThat(missing).as("listed classes that no longer exist (regenerate: benchmarks/e2e/preload-list.sh)")
			.isEmpty();
		assertThat(listed).contains(AUTO_CONFIGURATION, AsyncEventWriter.class.getName(),
				EventEncoder.class.getName(), JsonWriter.class.getName(), MethodTracer.class.getName());
	}

	@Test
	void preloadAsksTheStartersLoaderForEveryListedClassInOrderAndSkipsWhatItCannotLoad() throws IOException {
		List<String> listed = unshaded(listed());
		String missing = "dev.cloudtelemetry.NoSuchClass";
		List<String> withMissing = new ArrayList<>(listed);
		withMissing.add(1, missing);
		RecordingLoader loader = new RecordingLoader(getClass().getClassLoader(),
				("# a comment\n\n" + String.join("\n", withMissing) + "\n").getBytes(StandardCharsets.UTF_8));
		assertThat(ClassPreloading.preload(loader)).isEqualTo(listed.size());
		assertThat(loader.requested).containsSubsequence(withMissing);
		assertThat(ClassPreloading.preload(new RecordingLoader(getClass().getClassLoader(), null))).isZero();
	}

	@Test
	void aRealStartLoadsTheStartersClassesOffTheMainThread() throws Exception {
		Loads loads = startChild("preloaded");
		assertThat(loads.byOtherThreads(AUTO_CONFIGURATION)).as("the auto-configuration, loaded off the main thread")
			.isTrue();
		Set<String> listed = new HashSet<>(listed());
		long preloaded = loads.other.stream().filter(listed::contains).count();
		long onMain = loads.main.stream().filter(listed::contains).count();
		assertThat(preloaded).as("listed classes loaded off the main thread, against %d on it", onMain)
			.isGreaterThan(onMain);
	}

	@Test
	void springBootsSwitchLeavesTheLoadingToTheMainThread() throws Exception {
		Loads loads = startChild("ignored", "-D" + ClassPreloading.IGNORE_PROPERTY + "=true");
		assertThat(loads.main).contains(AUTO_CONFIGURATION);
		assertThat(loads.other).doesNotContain(AUTO_CONFIGURATION);
	}

	@Test
	void withTheStarterTurnedOffItsClassesAreNotLoaded() throws Exception {
		Loads loads = startChild("disabled", "-Dtelemetry.enabled=false");
		assertThat(loads.main).contains(EnvironmentAliases.class.getName())
			.doesNotContain(ClassPreloading.class.getName(), AUTO_CONFIGURATION);
		assertThat(loads.other).doesNotContain(AUTO_CONFIGURATION, JsonWriter.class.getName());
	}

	private Loads startChild(String name, String... jvmArguments) throws IOException, InterruptedException {
		Path log = this.tempDir.resolve(name + "-classes.txt");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Xlog:class+load=info:file=" + log + ":tid"));
		command.addAll(List.of(jvmArguments));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(),
				"--telemetry.output.path=" + this.tempDir.resolve(name + ".jsonl"),
				"--telemetry.metadata.enabled=false"));
		Path output = this.tempDir.resolve(name + ".log");
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends, see %s", output).isTrue();
		assertThat(child.exitValue()).as("the child's exit code, see %s", Files.readString(output)).isZero();
		return Loads.read(log, Child.class.getName());
	}

	/**
	 * The names as this class path has them: the build relocates datasource-proxy into the starter's jar
	 * ({@value #SHADED}), the tests run on the classes before that.
	 */
	private static List<String> unshaded(List<String> names) {
		return names.stream()
			.map((name) -> name.startsWith(SHADED) ? "net.ttddyy.dsproxy." + name.substring(SHADED.length()) : name)
			.toList();
	}

	private static List<String> listed() throws IOException {
		try (InputStream in = ClassPreloadingTests.class.getClassLoader().getResourceAsStream(ClassPreloading.LIST)) {
			assertThat(in).as(ClassPreloading.LIST).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

	/** The classes a child JVM loaded, by its main thread (the one that loaded the main class) and by others. */
	private record Loads(List<String> main, List<String> other) {

		private static final Pattern LINE = Pattern.compile("^\\[(\\d+)\\] (\\S+) source: .*");

		static Loads read(Path log, String mainClass) throws IOException {
			Map<String, List<String>> byThread = new HashMap<>();
			String mainThread = null;
			for (String line : Files.readAllLines(log)) {
				Matcher matcher = LINE.matcher(line);
				if (matcher.matches()) {
					byThread.computeIfAbsent(matcher.group(1), (thread) -> new ArrayList<>()).add(matcher.group(2));
					if (matcher.group(2).equals(mainClass)) {
						mainThread = matcher.group(1);
					}
				}
			}
			assertThat(mainThread).as("the thread that loaded %s in %s", mainClass, log).isNotNull();
			List<String> main = byThread.remove(mainThread);
			List<String> other = new ArrayList<>();
			byThread.values().forEach(other::addAll);
			return new Loads(main, other);
		}

		boolean byOtherThreads(String name) {
			return this.other.contains(name) && !this.main.contains(name);
		}

	}

	/** Serves the list it is given and records every class it is asked for. */
	private static final class RecordingLoader extends ClassLoader {

		private final byte @Nullable [] list;

		final List<String> requested = new CopyOnWriteArrayList<>();

		RecordingLoader(ClassLoader parent, byte @Nullable [] list) {
			super(parent);
			this.list = list;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

		@Override
		public @Nullable InputStream getResourceAsStream(String name) {
			return (name.equals(ClassPreloading.LIST) && this.list != null) ? new ByteArrayInputStream(this.list)
					: null;
		}

	}

	/** An application with the starter and no web server or database; starts, then closes. */
	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
	static class Child {

		public static void main(String[] args) {
			SpringApplication application = new SpringApplication(Child.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run(args)) {
				System.out.println("started " + context.getId());
			}
		}

	}

}
