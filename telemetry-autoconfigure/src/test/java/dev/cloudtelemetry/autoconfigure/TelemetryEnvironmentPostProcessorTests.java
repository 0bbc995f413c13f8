package dev.cloudtelemetry.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryEnvironmentPostProcessorTests {

	private StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							variables));
		environment.getPropertySources().addLast(new MapPropertySource("application.yml",
				Map.of("telemetry.environment", "staging", "telemetry.service.name", "from-yaml")));
		new TelemetryEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void theSpecificationsVariablesMapToTheirProperties() {
		StandardEnvironment environment = environment(Map.of("OUTPUT_PATH", "/var/log/t.jsonl", "SERVICE_NAME", "orders",
				"ENVIRONMENT", "prod", "ENABLE_CLOUD_METADATA", "false", "COLLECT_STACKTRACE_ON_ERROR", "true",
				"SERVICE_VERSION", "1.2.3", "SAMPLE_RATE", "0.25"));
		assertThat(environment.getProperty("telemetry.output.path")).isEqualTo("/var/log/t.jsonl");
		assertThat(environment.getProperty("telemetry.service.name")).isEqualTo("orders");
		assertThat(environment.getProperty("telemetry.service.version")).isEqualTo("1.2.3");
		assertThat(environment.getProperty("telemetry.environment")).isEqualTo("prod");
		assertThat(environment.getProperty("telemetry.metadata.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("telemetry.errors.stacktrace")).isEqualTo("true");
		assertThat(environment.getProperty("telemetry.sampling.rate")).isEqualTo("0.25");
	}

	@Test
	void relaxedTelemetryVariablesStillWinOverAliases() {
		StandardEnvironment environment = environment(Map.of("ENVIRONMENT", "prod", "TELEMETRY_ENVIRONMENT", "qa"));
		assertThat(environment.getProperty("telemetry.environment")).isEqualTo("qa");
	}

	@Test
	void withoutVariablesApplicationConfigurationApplies() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty("telemetry.environment")).isEqualTo("staging");
		assertThat(environment.getPropertySources().contains(TelemetryEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void theBoot3RegistrationStepsAsideOnBoot4() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("ENVIRONMENT", "prod")));
		new Boot3TelemetryEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(TelemetryEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.as("Boot 4 reads the deprecated key too; the Boot 4 post-processor does the work")
			.isFalse();
	}

	@Test
	void bothRegistrationsAreInSpringFactories() throws Exception {
		String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
		assertThat(factories)
			.contains("org.springframework.boot.EnvironmentPostProcessor=\\\n"
					+ TelemetryEnvironmentPostProcessor.class.getName())
			.contains("org.springframework.boot.env.EnvironmentPostProcessor=\\\n"
					+ Boot3TelemetryEnvironmentPostProcessor.class.getName());
	}

	@Test
	void whenTelemetryIsDisabledTheVariablesAddNothing() {
		StandardEnvironment environment = environment(Map.of("ENVIRONMENT", "prod", "TELEMETRY_ENABLED", "false"));
		assertThat(environment.getPropertySources().contains(TelemetryEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("telemetry.environment")).isEqualTo("staging");
	}

}
