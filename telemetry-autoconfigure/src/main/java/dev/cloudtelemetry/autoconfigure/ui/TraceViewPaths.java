package dev.cloudtelemetry.autoconfigure.ui;

import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;

import org.springframework.core.env.Environment;

/**
 * Where the page is and the path that leads to it, without the servlet context path or WebFlux base path.
 *
 * @param page the path that redirects to the page, such as {@code /telemetry}
 * @param actuator the actuator's base path, such as {@code /actuator}
 * @param contextPath the configured context or base path, for the paths hidden from the list of traces
 */
record TraceViewPaths(String page, String actuator, String contextPath) {

	/** The page itself, part of the telemetry endpoint: {@code /actuator/telemetry/view}. */
	String view() {
		return this.actuator + "/telemetry/view";
	}

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
