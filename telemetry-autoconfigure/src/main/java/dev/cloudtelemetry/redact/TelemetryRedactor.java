package dev.cloudtelemetry.redact;

/**
 * Sees every string the starter writes (attribute values, {@code message}, {@code error.message}, the
 * messages in {@code error.stacktrace}, URLs, recorded headers, {@code db.statement}, captured arguments and
 * return values, metadata values shown at the endpoint) and returns the value to write.
 * <p>
 * Declare one as a bean to extend the built-in protections; beans run in {@code @Order}, each on what the
 * previous one returned, the built-in ones first (SQL literals in database errors, URL credentials and
 * sensitive query values, secret patterns). Replace a built-in one with a bean of the same name or type.
 * <p>
 * Redactors run on the writer thread, never on the application's: they must be thread-safe and should be
 * fast, since they see every value of every event. A redactor that throws makes the value
 * {@link #FAILED} rather than let it through.
 */
@FunctionalInterface
public interface TelemetryRedactor {

	/** What the starter writes instead of a value whose redactor threw. */
	String FAILED = "[redaction failed]";

	/**
	 * @param field where the value is written
	 * @param value the value, never {@code null}
	 * @return the value to write: {@code value} itself when nothing needs to change
	 */
	String redact(Field field, String value);

	/**
	 * Whether the writer passes values of {@code kind} to this redactor. A redactor that only looks at some
	 * kinds (database errors, URLs) says so here: the others then cost it nothing. The statement redactor (the
	 * bean {@code telemetrySqlLiteralRedactor}) is applied where statements are recorded and is not in the
	 * writer's chain.
	 * @param kind a kind of value
	 * @return {@code true} unless this redactor never changes values of that kind
	 */
	default boolean handles(Field.Kind kind) {
		return true;
	}

}
