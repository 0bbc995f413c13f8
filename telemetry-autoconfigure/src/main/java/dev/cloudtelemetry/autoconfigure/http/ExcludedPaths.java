package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * The request paths of {@code telemetry.http.server.excluded-paths}: requests there are handled with
 * {@link dev.cloudtelemetry.core.context.CurrentSpan#EXCLUDED} current and create no span at all.
 */
public final class ExcludedPaths {

	/** No path is excluded. */
	public static final ExcludedPaths NONE = new ExcludedPaths(List.of());

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final String[] patterns;

	/**
	 * @param patterns Ant-style patterns, such as {@code /actuator/**}
	 */
	public ExcludedPaths(List<String> patterns) {
		this.patterns = patterns.stream().filter((pattern) -> !pattern.isBlank()).map(String::strip)
			.toArray(String[]::new);
	}

	/**
	 * Whether a request path is excluded.
	 * @param path the path within the application (without the context path)
	 * @return whether it matches a pattern
	 */
	public boolean matches(String path) {
		if (path == null) {
			return false;
		}
		for (String pattern : this.patterns) {
			if (this.matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

}
