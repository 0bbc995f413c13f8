package dev.cloudtelemetry.instrument.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.core.redact.CodeNames;
import dev.cloudtelemetry.core.redact.PercentEncoding;
import dev.cloudtelemetry.core.redact.PureRedactor;
import dev.cloudtelemetry.redact.Field;

/**
 * The URL protection, bean {@code telemetryUrlRedactor}: a URL loses its user-info and fragment, the values
 * of sensitive query and path parameters ({@code ;jsessionid=}) become {@code REDACTED}, and so do those of
 * the URLs nested in it, percent-encoded or not ({@code ?next=https%3A%2F%2Fu%3Ap%40host}).
 * <p>
 * In the writer's chain of redactors like any other: the HTTP instrumentation passes each exchange's URL
 * through that chain once for both of its events, and the writer passes every other value that may hold a
 * URL: URL attributes ({@code url.path}) whole, and URLs quoted in free text ({@code I/O error on GET request for "https://u:p@host/x?token=t"}, in an error message, a
 * cause's message in the stack trace, a message, an attribute or an argument). Not {@code db.statement}, and
 * not the attributes named from code ({@link CodeNames}: {@code code.namespace}, {@code http.route}, ...).
 */
public final class UrlRedactor implements PureRedactor {

	private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>\\[\\]]+");

	private final UrlSanitizer urls;

	public UrlRedactor(UrlSanitizer urls) {
		this.urls = urls;
	}

	@Override
	public boolean handles(Field.Kind kind) {
		return kind != Field.Kind.DB_STATEMENT;
	}

	/**
	 * Statements are not this redactor's; nor are the attributes the starter fills from code and protocol
	 * names ({@link CodeNames}), which cannot hold a URL.
	 */
	@Override
	public boolean passesEveryValue(Field field) {
		return field.kind() == Field.Kind.DB_STATEMENT || CodeNames.contains(field);
	}

	/**
	 * Text that is not a URL attribute changes only if it holds {@code ://}, a {@code %} or a {@code +}; a
	 * duration ({@code 12.34ms)}) holds none and starts with a digit, so it cannot complete a {@code ://}
	 * begun in {@code prefix}.
	 */
	@Override
	public boolean passesWithMillis(Field field, String prefix) {
		if (field.kind() == Field.Kind.URL) {
			return false;
		}
		return passesEveryValue(field) || (!prefix.contains("://") && prefix.indexOf('%') < 0 && prefix.indexOf('+') < 0);
	}

	@Override
	public String redact(Field field, String value) {
		if (passesEveryValue(field)) {
			return value;
		}
		// a URL attribute is a URL (or a path) as a whole, with or without a scheme
		String result = (field.kind() == Field.Kind.URL) ? sanitizeUrl(value) : sanitize(value);
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

	/** Sanitizes a URL and each URL nested in it ({@code ?next=https://u:p@host/?code=x}). */
	private String sanitizeUrl(String url) {
		int first = url.indexOf("://");
		int nested = (first < 0) ? -1 : url.indexOf("://", first + 3);
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
