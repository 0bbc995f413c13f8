package dev.cloudtelemetry.autoconfigure.http;

import java.util.Arrays;
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

	/** By pattern: the literal text before its first wildcard, which a matching path starts with. */
	private final String[] prefixes;

	/**
	 * @param patterns Ant-style patterns, such as {@code /actuator/**}
	 */
	public ExcludedPaths(List<String> patterns) {
		this.patterns = patterns.stream().filter((pattern) -> !pattern.isBlank()).map(String::strip)
			.toArray(String[]::new);
		this.prefixes = Arrays.stream(this.patterns).map(ExcludedPaths::literalPrefix).toArray(String[]::new);
	}

	/**
	 * The text a path must start with to match {@code pattern}: up to its first wildcard, without the
	 * {@code /} before it ({@code /actuator/**} also matches {@code /actuator}).
	 */
	static String literalPrefix(String pattern) {
		int end = 0;
		while (end < pattern.length() && "*?{".indexOf(pattern.charAt(end)) < 0) {
			end++;
		}
		return (end > 0 && pattern.charAt(end - 1) == '/') ? pattern.substring(0, end - 1) : pattern.substring(0, end);
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
		// AntPathMatcher cuts the path into segments for every pattern (five objects per request): a path that
		// does not start with a pattern's literal text is not asked, unless it has empty segments ("//")
		// which the matcher ignores
		boolean plain = path.indexOf("//") < 0;
		for (int i = 0; i < this.patterns.length; i++) {
			if ((!plain || path.startsWith(this.prefixes[i])) && this.matcher.match(this.patterns[i], path)) {
				return true;
			}
		}
		return false;
	}

}
