package dev.cloudtelemetry.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.core.redact.SecretPatternRedactor;

/**
 * Masks secrets in a command line: values of arguments whose name looks secret
 * ({@code --spring.datasource.password=x}, {@code -Dapi.key=x}, {@code --token x}), credentials in URLs
 * ({@code jdbc:postgresql://user:pass@host}, a token as user-info {@code https://ghp_…@github.com}), and any
 * secret of a known shape inside a value ({@code jdbc:…?password=x}, {@code --spring.application.json={"password":"x"}},
 * {@code -javaagent:agent.jar=apiKey=x}) through {@link SecretPatternRedactor}.
 */
public final class CommandLineSanitizer {

	/** What replaces a masked value. */
	public static final String MASK = "******";

	private static final Pattern SECRET_NAME = Pattern.compile(
			".*(password|passwd|pwd|secret|token|credential|apikey|api-key|api_key|private-key|private_key"
					+ "|privatekey|access-key|access_key|accesskey|secret-key|auth|\\.key|-key|_key|^key)$");

	private static final Pattern URL_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]*)@");

	/** User-info without a password, long enough to be a token rather than a user name. */
	private static final Pattern URL_TOKEN_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]{16,})@");

	private static final SecretPatternRedactor SECRETS = new SecretPatternRedactor(false);

	private CommandLineSanitizer() {
	}

	/**
	 * @param arguments the arguments, executable first
	 * @return the arguments with secret values masked
	 */
	public static List<String> sanitize(List<String> arguments) {
		List<String> result = new ArrayList<>(arguments.size());
		boolean maskNext = false;
		for (String argument : arguments) {
			if (maskNext && !argument.startsWith("-")) {
				result.add(MASK);
				maskNext = false;
				continue;
			}
			maskNext = false;
			int equals = argument.indexOf('=');
			if (equals > 0) {
				String name = argument.substring(0, equals);
				if (isSecretName(name)) {
					result.add(name + "=" + MASK);
					continue;
				}
			}
			else if (argument.startsWith("-") && isSecretName(argument)) {
				maskNext = true;
			}
			result.add(maskValue(argument));
		}
		return result;
	}

	/**
	 * Cleans one value that is written whatever its name: credentials in URLs, then secrets of known shapes
	 * ({@code jdbc:…?password=x}, a JSON {@code "password":"x"}, a token). What every argument and every
	 * written pod annotation goes through.
	 * @param value the value
	 * @return the value with its secrets masked
	 */
	public static String maskValue(String value) {
		return SECRETS.redact(maskUrlCredentials(value));
	}

	/**
	 * @param name an argument or property name, with or without leading dashes
	 * @return whether its value should never be shown
	 */
	public static boolean isSecretName(String name) {
		String normalized = name.replaceFirst("^-+(D)?", "").toLowerCase(Locale.ROOT);
		return SECRET_NAME.matcher(normalized).matches();
	}

	/**
	 * Replaces the password of {@code scheme://user:password@host}, and a token standing alone as user-info
	 * ({@code https://ghp_…@github.com}), with the mask.
	 */
	public static String maskUrlCredentials(String text) {
		if (text.indexOf('@') < 0) {
			return text;
		}
		String result = text;
		Matcher matcher = URL_USER_INFO.matcher(result);
		if (matcher.find()) {
			result = matcher.replaceAll("$1$2:" + Matcher.quoteReplacement(MASK) + "@");
		}
		matcher = URL_TOKEN_USER_INFO.matcher(result);
		if (matcher.find()) {
			result = matcher.replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
		}
		return result;
	}

}
