package dev.cloudtelemetry.autoconfigure;

import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The {@code TelemetryEnvironmentPostProcessor} for Spring Boot 3.5, registered under the only key 3.5
 * reads ({@code org.springframework.boot.env.EnvironmentPostProcessor}). Spring Boot 4 still reads that
 * key for compatibility; there the Boot 4 post-processor has already run, so this one does nothing.
 */
@SuppressWarnings("removal")
public class Boot3TelemetryEnvironmentPostProcessor
		implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

	private static final boolean BOOT_4 = ClassUtils.isPresent("org.springframework.boot.EnvironmentPostProcessor",
			Boot3TelemetryEnvironmentPostProcessor.class.getClassLoader());

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!BOOT_4) {
			EnvironmentAliases.addTo(environment);
		}
	}

}
