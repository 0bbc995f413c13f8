package dev.cloudtelemetry.instrument.method;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

import dev.cloudtelemetry.core.event.AttributeWriter;

/**
 * Which of a method's values are written, computed once per method: the attribute key of each argument,
 * whether it is {@code @Redacted}, and whether the return value is captured.
 * <p>
 * Values are formatted on the writer thread, never on the caller's: only values of immutable types are
 * written (boxed primitives, {@code BigDecimal}, {@code BigInteger}, {@code String}, enums (their name),
 * {@code UUID}, {@code java.time}), so what the writer reads is what the method received, and no
 * application code runs on the writer thread; any other value is written as its type name.
 */
public final class ArgumentCapture {

	/** What replaces a {@code @Redacted} value. */
	public static final String REDACTED = "REDACTED";

	/** The key of the return value. */
	public static final String RETURN_VALUE = "function.return_value";

	private final String[] keys;

	private final boolean[] redacted;

	private final boolean returnValue;

	private final boolean returnRedacted;

	/**
	 * @param names the parameter names, in order
	 * @param redacted for each parameter, whether it is {@code @Redacted}
	 * @param arguments whether arguments are captured
	 * @param returnValue whether the return value is captured
	 * @param returnRedacted whether the method is {@code @Redacted}
	 */
	public ArgumentCapture(List<String> names, boolean[] redacted, boolean arguments, boolean returnValue,
			boolean returnRedacted) {
		this.keys = arguments ? names.stream().map((name) -> "function.arguments." + name).toArray(String[]::new)
				: new String[0];
		this.redacted = redacted.clone();
		this.returnValue = returnValue;
		this.returnRedacted = returnRedacted;
	}

	/** Whether arguments are captured. */
	public boolean arguments() {
		return this.keys.length > 0;
	}

	/** Whether the return value is captured. */
	public boolean returnValue() {
		return this.returnValue;
	}

	void writeArguments(Object[] arguments, AttributeWriter attributes) {
		int count = Math.min(this.keys.length, arguments.length);
		for (int i = 0; i < count; i++) {
			attributes.put(this.keys[i], this.redacted[i] ? REDACTED : format(arguments[i]));
		}
	}

	void writeReturnValue(Object value, AttributeWriter attributes) {
		attributes.put(RETURN_VALUE, this.returnRedacted ? REDACTED : format(value));
	}

	/**
	 * @param value a value
	 * @return its text for a type written as it is, its type name otherwise, {@code null} for {@code null}
	 */
	static String format(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Enum<?> constant) {
			// the name, not toString(): an application's toString() must not run on the writer thread
			return constant.name();
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value instanceof Double
				|| value instanceof Character || value instanceof Float || value instanceof Short
				|| value instanceof Byte || value instanceof BigDecimal || value instanceof BigInteger
				|| value instanceof UUID || isJavaTime(value)) {
			return value.toString();
		}
		return value.getClass().getTypeName();
	}

	private static boolean isJavaTime(Object value) {
		return (value instanceof TemporalAccessor || value instanceof TemporalAmount)
				&& value.getClass().getName().startsWith("java.time.");
	}

}
