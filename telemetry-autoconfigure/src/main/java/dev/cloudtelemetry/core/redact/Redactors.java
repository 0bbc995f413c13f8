package dev.cloudtelemetry.core.redact;

import java.util.List;

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

}
