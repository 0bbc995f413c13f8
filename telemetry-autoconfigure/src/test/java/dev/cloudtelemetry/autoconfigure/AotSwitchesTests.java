package dev.cloudtelemetry.autoconfigure;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches recorded when Spring AOT processes an application, compared with a run's (the whole round
 * trip through Spring AOT is {@code AotProcessedApplicationTests} in coexistence-tests).
 */
class AotSwitchesTests {

	@Test
	void theBuildsDefaultsAgainstTheSameRunDifferInNothing() {
		Properties built = AotSwitches.values(environment(Map.of()));
		assertThat(built.stringPropertyNames()).isEqualTo(AotSwitches.SWITCHES.keySet());
		assertThat(built.getProperty("telemetry.ui.enabled")).isEqualTo("false");
		assertThat(AotSwitches.differences(built, environment(Map.of()))).isEmpty();
	}

	@Test
	void eachSwitchThatDiffersIsNamedWithBothValues() {
		Properties built = AotSwitches.values(environment(Map.of("telemetry.ui.enabled", "true")));
		assertThat(AotSwitches.differences(built,
				environment(Map.of("telemetry.jdbc.enabled", "false", "telemetry.ui.enabled", "false"))))
			.hasSize(2)
			.anySatisfy((line) -> assertThat(line).startsWith("telemetry.jdbc.enabled is false in this run but was true"))
			.anySatisfy((line) -> assertThat(line).startsWith("telemetry.ui.enabled is false in this run but was true"));
	}

	@Test
	void turningTheStarterOffIsLeftToTheWriterButTurningItOnIsNamed() {
		Properties on = AotSwitches.values(environment(Map.of()));
		assertThat(AotSwitches.differences(on, environment(Map.of("telemetry.enabled", "false")))).isEmpty();
		Properties off = AotSwitches.values(environment(Map.of("telemetry.enabled", "false")));
		assertThat(AotSwitches.differences(off, environment(Map.of()))).singleElement()
			.asString()
			.startsWith("telemetry.enabled is true in this run but was false");
	}

	@Test
	void theSwitchesAreEveryPropertyTheStartersConditionsReadWithTheDefaultTheyAssume() throws IOException {
		Map<String, Boolean> conditions = new TreeMap<>();
		MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/cloudtelemetry/autoconfigure/**/*.class")) {
			AnnotationMetadata type = readers.getMetadataReader(resource).getAnnotationMetadata();
			Stream.concat(Stream.of(type.getAnnotations()),
					type.getDeclaredMethods().stream().map(AnnotatedTypeMetadata::getAnnotations))
				.flatMap(MergedAnnotations::stream)
				.forEach((condition) -> collect(condition, conditions));
		}
		assertThat(conditions).containsKeys("telemetry.enabled", "telemetry.jdbc.record-literals");
		assertThat(new TreeMap<>(AotSwitches.SWITCHES)).isEqualTo(conditions);
	}

	/** A property condition's names, each with the value that matches when the property is not set. */
	private static void collect(MergedAnnotation<Annotation> condition, Map<String, Boolean> conditions) {
		String type = condition.getType().getName();
		boolean bool = type.equals(ConditionalOnBooleanProperty.class.getName());
		if (!bool && !type.equals(ConditionalOnProperty.class.getName())) {
			return;
		}
		String prefix = condition.getString("prefix");
		String[] names = condition.getStringArray("name");
		if (names.length == 0) {
			names = condition.getStringArray("value");
		}
		boolean having = bool ? condition.getBoolean("havingValue")
				: !"false".equalsIgnoreCase(condition.getString("havingValue"));
		boolean whenMissing = condition.getBoolean("matchIfMissing") ? having : !having;
		for (String name : names) {
			String full = prefix.isEmpty() ? name : prefix.replaceAll("\\.$", "") + "." + name;
			if (full.startsWith("telemetry.")) {
				conditions.put(full, whenMissing);
			}
		}
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
