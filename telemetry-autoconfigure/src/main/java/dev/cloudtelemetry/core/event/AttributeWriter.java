package dev.cloudtelemetry.core.event;

/**
 * Receives an event's attributes in the order they are written. A {@code null} value is skipped.
 */
public interface AttributeWriter {

	AttributeWriter put(String key, String value);

	AttributeWriter put(String key, long value);

	AttributeWriter put(String key, boolean value);

	/** Puts a string, number, boolean, list or map value. */
	AttributeWriter putValue(String key, Object value);

}
