package dev.cloudtelemetry.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Maps the specification's environment variables to their {@code telemetry.*} properties. The aliases
 * rank just below the system environment: they override application.yml, as environment variables do,
 * while command-line arguments, system properties and {@code TELEMETRY_*} variables override them.
 * <p>
 * This is the Spring Boot 4 contract; {@link Boot3TelemetryEnvironmentPostProcessor} does the same on
 * Spring Boot 3.5, which knows only {@code org.springframework.boot.env.EnvironmentPostProcessor}.
 */
public class TelemetryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that holds the aliases. */
	public static final String PROPERTY_SOURCE_NAME = EnvironmentAliases.PROPERTY_SOURCE_NAME;

	/** Environment variable to property. */
	public static final Map<String, String> ALIASES = EnvironmentAliases.ALIASES;

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		EnvironmentAliases.addTo(environment);
	}

}
