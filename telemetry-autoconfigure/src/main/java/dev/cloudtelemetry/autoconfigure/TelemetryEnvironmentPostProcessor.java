package dev.cloudtelemetry.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the specification's environment variables to their {@code telemetry.*} properties. The aliases
 * rank just below the system environment: they override application.yml, as environment variables do,
 * while command-line arguments, system properties and {@code TELEMETRY_*} variables override them.
 */
public class TelemetryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that holds the aliases. */
	public static final String PROPERTY_SOURCE_NAME = "telemetryEnvironmentAliases";

	/** Environment variable to property. */
	public static final Map<String, String> ALIASES;

	static {
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("OUTPUT_PATH", "telemetry.output.path");
		aliases.put("SERVICE_NAME", "telemetry.service.name");
		aliases.put("SERVICE_VERSION", "telemetry.service.version");
		aliases.put("ENVIRONMENT", "telemetry.environment");
		aliases.put("ENABLE_CLOUD_METADATA", "telemetry.metadata.enabled");
		aliases.put("COLLECT_STACKTRACE_ON_ERROR", "telemetry.errors.stacktrace");
		ALIASES = Map.copyOf(aliases);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> systemEnvironment = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		// with the starter turned off the application's environment stays as it would be without it
		if (systemEnvironment == null || !environment.getProperty("telemetry.enabled", Boolean.class, true)) {
			return;
		}
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

}
