package dev.cloudtelemetry.instrument.http;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * The attributes an event writes, in order, as the encoder receives them.
 */
final class EventAttributes implements AttributeWriter {

	private final Map<String, Object> values = new LinkedHashMap<>();

	private EventAttributes() {
	}

	static Map<String, Object> of(TelemetryEvent event) {
		EventAttributes attributes = new EventAttributes();
		event.writeAttributes(attributes);
		return attributes.values;
	}

	@Override
	public AttributeWriter put(String key, String value) {
		return putValue(key, value);
	}

	@Override
	public AttributeWriter put(String key, long value) {
		return putValue(key, value);
	}

	@Override
	public AttributeWriter put(String key, boolean value) {
		return putValue(key, value);
	}

	@Override
	public AttributeWriter putValue(String key, Object value) {
		if (value != null) {
			this.values.put(key, value);
		}
		return this;
	}

}
