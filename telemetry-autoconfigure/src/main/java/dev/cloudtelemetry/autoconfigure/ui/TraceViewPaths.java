package dev.cloudtelemetry.autoconfigure.ui;

import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;

import org.springframework.core.env.Environment;

/**
 * Where the page is served and where it finds the actuator, without the servlet context path or WebFlux
 * base path (the page adds the one it was served under).
 *
 * @param page the page's path, such as {@code /telemetry}
 * @param actuator the actuator's base path, such as {@code /actuator}
 * @param contextPath the configured context or base path, for the paths hidden from the list of traces
 */
record TraceViewPaths(String page, String actuator, String contextPath) {

	static TraceViewPaths of(TraceViewProperties properties, Environment environment) {
		String page = properties.getPath();
		if (page == null || !page.startsWith("/") || page.length() < 2 || page.endsWith("/") || page.contains("{")
				|| page.contains("*")) {
			throw new InvalidTelemetryConfigurationException("telemetry.ui.path", page,
					"must be a path such as /telemetry: start with '/', not end with '/', no patterns");
		}
		String actuator = trimSlash(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
		String context = trimSlash(environment.getProperty("server.servlet.context-path",
				environment.getProperty("spring.webflux.base-path", "")));
		return new TraceViewPaths(page, actuator, context);
	}

	private static String trimSlash(String path) {
		String trimmed = path.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
	}

}
