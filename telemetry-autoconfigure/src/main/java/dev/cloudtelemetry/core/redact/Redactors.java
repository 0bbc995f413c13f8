package dev.cloudtelemetry.core.redact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * The redactors in the order they run, each on what the previous one returned. A redactor that throws
 * makes the value {@link TelemetryRedactor#FAILED}: a broken redactor must not let the value through,
 * nor stop the event from being written. Thread-safe if the redactors are.
 */
public final class Redactors {

	/** No redactor: values are written as they are. */
	public static final Redactors NONE = new Redactors(List.of());

	private final TelemetryRedactor[] redactors;

	private Redactors(List<? extends TelemetryRedactor> redactors) {
		this.redactors = redactors.toArray(new TelemetryRedactor[0]);
	}

	/**
	 * @param redactors the redactors, in the order they run
	 * @return a chain of them
	 */
	public static Redactors of(List<? extends TelemetryRedactor> redactors) {
		return redactors.isEmpty() ? NONE : new Redactors(redactors);
	}

	/** Whether there is no redactor. */
	public boolean isEmpty() {
		return this.redactors.length == 0;
	}

	/**
	 * @param field where the value is written
	 * @param value the value, may be {@code null}
	 * @return the value to write
	 */
	public String redact(Field field, String value) {
		if (value == null) {
			return null;
		}
		String result = value;
		for (TelemetryRedactor redactor : this.redactors) {
			try {
				result = redactor.redact(field, result);
			}
			catch (RuntimeException | StackOverflowError ex) {
				return TelemetryRedactor.FAILED;
			}
			if (result == null) {
				return TelemetryRedactor.FAILED;
			}
		}
		return result;
	}

	/**
	 * Redacts every string in a value that may be a map or list.
	 * @param name the attribute key or, for metadata, the block's key ({@code k8s})
	 * @param value a string, number, boolean, map or list; may be {@code null}
	 * @param metadata whether the value is metadata, each map key extending the name
	 * ({@code k8s.pod_annotations.team}); otherwise every string is a value of the attribute {@code name}
	 * @return a copy with every string redacted, or the value itself when it holds no string
	 */
	public Object redactValue(String name, Object value, boolean metadata) {
		if (value instanceof CharSequence text) {
			return redact(metadata ? Field.metadata(name) : Field.attribute(name), text.toString());
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, redactValue(metadata ? name + "." + key : name, item, metadata)));
			return copy;
		}
		if (value instanceof Iterable<?> items) {
			List<Object> copy = new ArrayList<>();
			items.forEach((item) -> copy.add(redactValue(name, item, metadata)));
			return copy;
		}
		return value;
	}

}
