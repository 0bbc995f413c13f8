package dev.cloudtelemetry.core.redact;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * A redactor whose result depends on nothing but the field's kind and name and the value: not on the error
 * a field belongs to, the time, or any state that changes. {@link Redactors} may therefore remember a value
 * such redactors let through unchanged and not ask them again about the same value in the same field. The
 * built-in URL and secret-pattern redactors are; an application's redactors are never assumed to be.
 * <p>
 * Such a redactor may also say, from the field or a value's constant part alone, that it lets whole families
 * of values through unchanged: the writer then writes those values without asking it, which gives the
 * same bytes as asking it would. Each answer must hold for every value of the family; {@code false} is
 * always safe.
 */
public interface PureRedactor extends TelemetryRedactor {

	/**
	 * Whether {@link #redact} returns every value of {@code field} unchanged, whatever the value.
	 * @param field where values are written
	 * @return {@code true} only if no value of that field is ever changed
	 */
	default boolean passesEveryValue(Field field) {
		return false;
	}

	/**
	 * Whether {@link #redact} returns unchanged every value of {@code field} made of {@code prefix} followed
	 * by a duration as a traced call's message ends with it: one to twelve digits, a {@code .}, two digits and
	 * {@code ms)} ({@code Function 'OrderService.place' exit (} then {@code 12.34ms)}).
	 * @param field where values are written
	 * @param prefix the text before the duration
	 * @return {@code true} only if no such value is ever changed
	 */
	default boolean passesWithMillis(Field field, String prefix) {
		return false;
	}

}
