package dev.cloudtelemetry.autoconfigure;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

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

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
