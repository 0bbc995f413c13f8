package dev.cloudtelemetry.autoconfigure;

import org.springframework.core.Ordered;

/**
 * The {@code @Order} of the built-in {@link dev.cloudtelemetry.redact.TelemetryRedactor} beans: they run
 * before the application's (which default to {@link Ordered#LOWEST_PRECEDENCE}), database errors first so
 * that the literals they quote are gone before the other redactors look at the text.
 */
public final class TelemetryRedactors {

	/** {@code telemetrySqlErrorRedactor}: literals in database errors. */
	public static final int SQL_ERRORS = Ordered.HIGHEST_PRECEDENCE + 1000;

	/** {@code telemetryUrlRedactor}: credentials and sensitive query values of URLs in text. */
	public static final int URLS = Ordered.HIGHEST_PRECEDENCE + 2000;

	/** {@code telemetrySecretPatternRedactor}: secrets of well-known shapes. */
	public static final int SECRET_PATTERNS = Ordered.HIGHEST_PRECEDENCE + 3000;

	private TelemetryRedactors() {
	}

}
