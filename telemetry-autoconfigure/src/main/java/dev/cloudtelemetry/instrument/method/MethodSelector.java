package dev.cloudtelemetry.instrument.method;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides from type and method names which methods are traced. Patterns:
 * <ul>
 * <li>{@code com.example.orders} — a name with no wildcard: that type, or every type in that package and
 * below;</li>
 * <li>{@code com.example.**.*Service} — {@code *} matches within one name segment, {@code **} across
 * segments, {@code ?} one character;</li>
 * <li>{@code com.example.OrderService#place*} — {@code #} adds a method-name pattern.</li>
 * </ul>
 * A method is selected when an include matches and no exclude matches.
 */
public final class MethodSelector {

	private final List<Rule> includes;

	private final List<Rule> excludes;

	public MethodSelector(Collection<String> includes, Collection<String> excludes) {
		this.includes = compile(includes);
		this.excludes = compile(excludes);
	}

	private static List<Rule> compile(Collection<String> patterns) {
		List<Rule> rules = new ArrayList<>();
		for (String pattern : patterns) {
			rules.add(Rule.of(pattern));
		}
		return List.copyOf(rules);
	}

	/**
	 * Checks a pattern's syntax.
	 * @param pattern the pattern
	 * @throws IllegalArgumentException when it is not a valid pattern, with the reason
	 */
	public static void validate(String pattern) {
		Rule.of(pattern);
	}

	/** Whether some method of the type may be selected. */
	public boolean includesType(String typeName) {
		for (Rule rule : this.includes) {
			if (rule.type.test(typeName)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the whole type is excluded (by an exclude with no method part). */
	public boolean excludesType(String typeName) {
		for (Rule rule : this.excludes) {
			if (rule.method == null && rule.type.test(typeName)) {
				return true;
			}
		}
		return false;
	}

	/** Whether a method is selected by an include. */
	public boolean includes(String typeName, String methodName) {
		return matchesAny(this.includes, typeName, methodName);
	}

	/** Whether a method is excluded. */
	public boolean excludes(String typeName, String methodName) {
		return matchesAny(this.excludes, typeName, methodName);
	}

	private static boolean matchesAny(List<Rule> rules, String typeName, String methodName) {
		for (Rule rule : rules) {
			if (rule.type.test(typeName)
					&& (rule.method == null || rule.method.matcher(methodName).matches())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param type matches the type names; a plain name (the default includes are the application's packages)
	 * is compared as a string: the auto-proxy creator asks about every bean type and every public method of
	 * the candidates at start-up, thousands of times, and a regex there cost a matcher per call
	 */
	private record Rule(Predicate<String> type, Pattern method) {

		static Rule of(String pattern) {
			if (pattern == null || pattern.isBlank()) {
				throw new IllegalArgumentException("a pattern must not be empty");
			}
			String trimmed = pattern.trim();
			int hash = trimmed.indexOf('#');
			String typePart = (hash >= 0) ? trimmed.substring(0, hash) : trimmed;
			String methodPart = (hash >= 0) ? trimmed.substring(hash + 1) : null;
			if (typePart.isEmpty() || (methodPart != null && methodPart.isEmpty())) {
				throw new IllegalArgumentException("'" + pattern + "' needs a type before '#' and a method after it");
			}
			if (!typePart.matches("[\\w$.*?]+") || (methodPart != null && !methodPart.matches("[\\w$*?]+"))) {
				throw new IllegalArgumentException("'" + pattern
						+ "' may contain only Java names, '.', '*', '**', '?' and one '#' before a method name");
			}
			Predicate<String> type = hasWildcard(typePart) ? glob(typePart).asMatchPredicate()
					: (name) -> isSameOrBelow(name, typePart);
			return new Rule(type, (methodPart != null) ? glob(methodPart) : null);
		}

		/** The type itself, or a type in that package or below (or nested in that type). */
		static boolean isSameOrBelow(String name, String prefix) {
			int length = prefix.length();
			return name.startsWith(prefix)
					&& (name.length() == length || (name.length() > length + 1 && name.charAt(length) == '.'));
		}

		private static boolean hasWildcard(String text) {
			return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
		}

		private static Pattern glob(String glob) {
			StringBuilder regex = new StringBuilder();
			for (int i = 0; i < glob.length(); i++) {
				char c = glob.charAt(i);
				if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
					regex.append(".*");
					i++;
				}
				else if (c == '*') {
					regex.append("[^.]*");
				}
				else if (c == '?') {
					regex.append("[^.]");
				}
				else {
					regex.append(Pattern.quote(String.valueOf(c)));
				}
			}
			return Pattern.compile(regex.toString());
		}

	}

}
