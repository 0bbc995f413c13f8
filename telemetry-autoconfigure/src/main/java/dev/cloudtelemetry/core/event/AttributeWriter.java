package dev.cloudtelemetry.core.event;

import dev.cloudtelemetry.core.context.Span;

/**
 * Receives an event's attributes in the order they are written. A {@code null} value is skipped.
 */
public interface AttributeWriter {

	AttributeWriter put(String key, String value);

	AttributeWriter put(String key, long value);

	AttributeWriter put(String key, boolean value);

	/** Puts a string, number, boolean, list or map value. */
	AttributeWriter putValue(String key, Object value);

	/**
	 * Puts a string that has already passed through the redactors as the value of {@code key} (a URL the
	 * HTTP instrumentation redacted once for both events of an exchange): written as it is, cut to its limit.
	 * @param key the attribute key
	 * @param value the redacted value; {@code null} is skipped
	 * @return this writer
	 */
	default AttributeWriter putRedacted(String key, String value) {
		return put(key, value);
	}

	/**
	 * Puts {@code span}'s {@link Span#correlationId() correlation id} as the value of {@code key}, as
	 * {@code put(key, span.correlationId())} does; a writer may write it without building the string.
	 * @param key the attribute key
	 * @param span the span
	 * @return this writer
	 */
	default AttributeWriter putCorrelationId(String key, Span span) {
		return put(key, span.correlationId());
	}

}
