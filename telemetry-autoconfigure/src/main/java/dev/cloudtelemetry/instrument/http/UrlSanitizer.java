package dev.cloudtelemetry.instrument.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Makes URLs safe to record: removes user-info ({@code user:password@}) and the fragment, and replaces
 * the values of sensitive query parameters and path parameters ({@code ;jsessionid=...}) with {@value #MASK}.
 * <p>
 * A parameter is sensitive when its name, percent-decoded, equals one of the configured names ignoring
 * case; a configured name ending with {@code *} matches every name that starts with the rest
 * ({@code X-Amz-*}). The rest of the URL is kept as it was written, encoding included.
 */
public final class UrlSanitizer {

	/** What replaces a sensitive value. */
	public static final String MASK = "REDACTED";

	/**
	 * The parameters masked unless configured otherwise ({@code telemetry.http.masked-query-parameters}), and in
	 * every URL the starter shows of its own (the OTLP collector's).
	 */
	public static final List<String> DEFAULT_MASKED_PARAMETERS = List.of("token", "access_token", "refresh_token",
			"id_token", "key", "api_key", "apikey", "secret", "client_secret", "password", "signature", "sig",
			"X-Amz-*", "X-Goog-*", "code", "state", "client_assertion", "SAMLResponse", "passwd", "pwd",
			"jsessionid", "sessionid", "session_id");

	private final List<String> exactNames = new ArrayList<>();

	private final List<String> namePrefixes = new ArrayList<>();

	/**
	 * @param maskedParameters names of the parameters whose values are masked
	 */
	public UrlSanitizer(Collection<String> maskedParameters) {
		for (String name : maskedParameters) {
			String normalized = name.strip().toLowerCase(Locale.ROOT);
			if (normalized.endsWith("*")) {
				this.namePrefixes.add(normalized.substring(0, normalized.length() - 1));
			}
			else if (!normalized.isEmpty()) {
				this.exactNames.add(normalized);
			}
		}
	}

	/**
	 * @param url an absolute or relative URL, may be {@code null}
	 * @return the URL without user-info and fragment, sensitive values masked
	 */
	public String sanitize(String url) {
		if (url == null) {
			return null;
		}
		int fragment = url.indexOf('#');
		String value = (fragment >= 0) ? url.substring(0, fragment) : url;
		value = removeUserInfo(value);
		int query = value.indexOf('?');
		value = maskPathParameters(value, (query < 0) ? value.length() : query);
		query = value.indexOf('?');
		if (query < 0) {
			return value;
		}
		StringBuilder result = new StringBuilder(value.length()).append(value, 0, query + 1);
		String[] parameters = value.substring(query + 1).split("&", -1);
		for (int i = 0; i < parameters.length; i++) {
			if (i > 0) {
				result.append('&');
			}
			result.append(sanitizeParameter(parameters[i]));
		}
		return result.toString();
	}

	/** {@code /cart;jsessionid=ABC/items}: the values of sensitive path parameters before {@code end}. */
	private String maskPathParameters(String url, int end) {
		int semicolon = url.indexOf(';');
		if (semicolon < 0 || semicolon >= end) {
			return url;
		}
		StringBuilder result = new StringBuilder(url.length()).append(url, 0, semicolon);
		int i = semicolon;
		while (i < end) {
			// one ";name=value" up to the next ';', '/' or the end of the path
			int next = i + 1;
			while (next < end && url.charAt(next) != ';' && url.charAt(next) != '/') {
				next++;
			}
			String parameter = url.substring(i + 1, next);
			result.append(';').append(sanitizeParameter(parameter));
			if (next < end && url.charAt(next) == '/') {
				int following = url.indexOf(';', next);
				int copyTo = (following < 0 || following >= end) ? end : following;
				result.append(url, next, copyTo);
				next = copyTo;
			}
			i = next;
		}
		return result.append(url, end, url.length()).toString();
	}

	private String sanitizeParameter(String parameter) {
		int equals = parameter.indexOf('=');
		if (equals < 0) {
			return parameter;
		}
		String name = parameter.substring(0, equals);
		return isSensitive(decode(name)) ? name + "=" + MASK : parameter;
	}

	/**
	 * @param name a parameter name, decoded
	 * @return whether its value is masked
	 */
	public boolean isSensitive(String name) {
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		if (this.exactNames.contains(normalized)) {
			return true;
		}
		for (String prefix : this.namePrefixes) {
			if (normalized.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static String removeUserInfo(String url) {
		int scheme = url.indexOf("://");
		int authorityStart = (scheme >= 0) ? scheme + 3 : (url.startsWith("//") ? 2 : -1);
		if (authorityStart < 0) {
			return url;
		}
		int authorityEnd = url.length();
		for (int i = authorityStart; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '/' || c == '?') {
				authorityEnd = i;
				break;
			}
		}
		int at = url.lastIndexOf('@', authorityEnd - 1);
		if (at < authorityStart) {
			return url;
		}
		return url.substring(0, authorityStart) + url.substring(at + 1);
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
