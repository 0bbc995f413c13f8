package dev.cloudtelemetry.instrument.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.core.redact.PercentEncoding;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Sanitizes URLs quoted in free text ({@code I/O error on GET request for "https://u:p@host/x?token=t"}, in an
 * error message, a cause's message in the stack trace, a message, an attribute or an argument): user-info
 * is removed and sensitive query parameters are masked, as in {@code http.url}. URL attributes, sanitized
 * where they are recorded, pass again for the URLs nested in them, percent-encoded or not
 * ({@code ?next=https%3A%2F%2Fu%3Ap%40host}).
 */
public final class UrlRedactor implements TelemetryRedactor {

	private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>\\[\\]]+");

	private final UrlSanitizer urls;

	public UrlRedactor(UrlSanitizer urls) {
		this.urls = urls;
	}

	@Override
	public String redact(Field field, String value) {
		if (field.kind() == Field.Kind.DB_STATEMENT) {
			return value;
		}
		if (field.kind() == Field.Kind.URL && !nestsUrl(value)) {
			// sanitized where it was recorded
			return value;
		}
		String result = sanitize(value);
		if (!PercentEncoding.mayBeEncoded(result)) {
			return result;
		}
		// a URL inside a URL's query (?next=https%3A%2F%2Fu%3Ap%40host) is only recognizable decoded
		String decoded = PercentEncoding.decode(result);
		String sanitized = sanitize(decoded);
		return sanitized.equals(decoded) ? result : sanitized;
	}

	String sanitize(String text) {
		if (text.indexOf("://") < 0) {
			return text;
		}
		Matcher matcher = URL.matcher(text);
		StringBuilder result = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(sanitizeUrl(matcher.group())));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static boolean nestsUrl(String url) {
		int first = url.indexOf("://");
		return url.indexOf("://", first + 3) >= 0 || (url.indexOf('%') >= 0
				&& url.toLowerCase(java.util.Locale.ROOT).contains("%3a%2f%2f"));
	}

	/** Sanitizes a URL and each URL nested in it ({@code ?next=https://u:p@host/?code=x}). */
	private String sanitizeUrl(String url) {
		int nested = url.indexOf("://", url.indexOf("://") + 3);
		if (nested < 0) {
			return this.urls.sanitize(url);
		}
		int scheme = nested;
		while (scheme > 0 && isSchemeChar(url.charAt(scheme - 1))) {
			scheme--;
		}
		return this.urls.sanitize(url.substring(0, scheme)) + sanitizeUrl(url.substring(scheme));
	}

	private static boolean isSchemeChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.'
				|| c == '-';
	}

}
