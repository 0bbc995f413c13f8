package dev.cloudtelemetry.instrument.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.core.event.Causes;
import dev.cloudtelemetry.core.event.ErrorRedactor;
import dev.cloudtelemetry.core.event.RedactedError;

/**
 * Sanitizes URLs quoted in error messages ({@code I/O error on GET request for "https://u:p@host/x?token=t"}):
 * user-info is removed and sensitive query parameters are masked, as in {@code http.url}. An error whose
 * message changed is written as a {@link RedactedError} without causes, since they quote the same URL.
 */
public final class UrlErrorRedactor implements ErrorRedactor {

	private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>\\[\\]]+");

	private static final int MAX_CAUSES = 32;

	private final UrlSanitizer urls;

	public UrlErrorRedactor(UrlSanitizer urls) {
		this.urls = urls;
	}

	@Override
	public Throwable redact(Throwable error) {
		String message = error.getMessage();
		String sanitized = sanitize(message);
		boolean causeQuotesUrl = false;
		for (Throwable cause : Causes.of(error, MAX_CAUSES)) {
			String causeMessage = cause.getMessage();
			if (causeMessage != null && !causeMessage.equals(sanitize(causeMessage))) {
				causeQuotesUrl = true;
				break;
			}
		}
		if (!causeQuotesUrl && (message == null || message.equals(sanitized))) {
			return error;
		}
		return new RedactedError(error, sanitized);
	}

	String sanitize(String message) {
		if (message == null || message.indexOf("://") < 0) {
			return message;
		}
		Matcher matcher = URL.matcher(message);
		StringBuilder result = new StringBuilder(message.length());
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(this.urls.sanitize(matcher.group())));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
