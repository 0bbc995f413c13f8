package dev.cloudtelemetry.instrument.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Sanitizes URLs quoted in free text ({@code I/O error on GET request for "https://u:p@host/x?token=t"}, in an
 * error message, a cause's message in the stack trace, a message, an attribute or an argument): user-info
 * is removed and sensitive query parameters are masked, as in {@code http.url}. URL attributes themselves
 * are sanitized where they are recorded.
 */
public final class UrlRedactor implements TelemetryRedactor {

	private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>\\[\\]]+");

	private final UrlSanitizer urls;

	public UrlRedactor(UrlSanitizer urls) {
		this.urls = urls;
	}

	@Override
	public String redact(Field field, String value) {
		if (field.kind() == Field.Kind.URL || field.kind() == Field.Kind.DB_STATEMENT) {
			return value;
		}
		return sanitize(value);
	}

	String sanitize(String text) {
		if (text.indexOf("://") < 0) {
			return text;
		}
		Matcher matcher = URL.matcher(text);
		StringBuilder result = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(this.urls.sanitize(matcher.group())));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
