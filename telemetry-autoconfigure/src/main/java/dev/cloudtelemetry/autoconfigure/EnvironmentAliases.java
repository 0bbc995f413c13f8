package dev.cloudtelemetry.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the specification's environment variables to their {@code telemetry.*} properties, for the
 * environment post-processor of each Spring Boot generation. It implements neither contract, so the Boot 3.5
 * post-processor can use it without loading the Boot 4 interface.
 */
final class EnvironmentAliases {

	/** Name of the property source that holds the aliases. */
	static final String PROPERTY_SOURCE_NAME = "telemetryEnvironmentAliases";

	/** Name of the property source that stops an AOT-processed application's built-in beans. */
	static final String TURNED_OFF_PROPERTY_SOURCE_NAME = "telemetryTurnedOffAtRunTime";

	/** Environment variable to property. */
	static final Map<String, String> ALIASES;

	static {
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("OUTPUT_PATH", "telemetry.output.path");
		aliases.put("SERVICE_NAME", "telemetry.service.name");
		aliases.put("SERVICE_VERSION", "telemetry.service.version");
		aliases.put("ENVIRONMENT", "telemetry.environment");
		aliases.put("ENABLE_CLOUD_METADATA", "telemetry.metadata.enabled");
		aliases.put("COLLECT_STACKTRACE_ON_ERROR", "telemetry.errors.stacktrace");
		aliases.put("SAMPLE_RATE", "telemetry.sampling.rate");
		ALIASES = Map.copyOf(aliases);
	}

	private EnvironmentAliases() {
	}

	/**
	 * Adds the aliases found in the system environment just below it: they override application.yml, as
	 * environment variables do, while command-line arguments, system properties and {@code TELEMETRY_*}
	 * variables override them.
	 * @param environment the application's environment
	 */
	static void addTo(ConfigurableEnvironment environment) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> systemEnvironment = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (!environment.getProperty("telemetry.enabled", Boolean.class, true)) {
			if (AotDetector.useGeneratedArtifacts()) {
				turnOffBuiltInBeans(sources);
			}
			// otherwise, with the starter turned off the application's environment stays as it would be without it
			return;
		}
		if (systemEnvironment == null) {
			return;
		}
		ClassPreloading.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		ALIASES.forEach((variable, property) -> {
			Object value = systemEnvironment.getProperty(variable);
			if (value != null && !value.toString().isBlank()) {
				properties.put(property, value.toString().trim());
			}
		});
		if (properties.isEmpty()) {
			return;
		}
		sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	/**
	 * An AOT-processed application (Spring AOT, {@code -Dspring.aot.enabled=true}) has the beans its conditions
	 * chose at build time, so {@code telemetry.enabled=false} at run time cannot remove the starter's. It stops
	 * what they do instead: no trace is sampled, nothing is written (see the writer's and the resource
	 * resolver's bean methods, which read {@code telemetry.enabled} when they run).
	 */
	private static void turnOffBuiltInBeans(MutablePropertySources sources) {
		Map<String, Object> off = new LinkedHashMap<>();
		off.put("telemetry.output.type", "none");
		off.put("telemetry.sampling.rate", "0");
		off.put("telemetry.sampling.keep-errors", "false");
		sources.addFirst(new MapPropertySource(TURNED_OFF_PROPERTY_SOURCE_NAME, off));
	}

}
