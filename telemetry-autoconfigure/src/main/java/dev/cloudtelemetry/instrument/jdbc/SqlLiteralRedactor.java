package dev.cloudtelemetry.instrument.jdbc;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * The SQL-literal protection, bean {@code telemetrySqlLiteralRedactor}: the literals of {@code db.statement}
 * (strings, numbers, booleans) become {@code ?} and comments go, in the dialect of the database.
 * <p>
 * Applied where statements are recorded, once per distinct statement text: {@link JdbcTelemetry} passes
 * each new text through the bean of that name, whatever it is, and caches the result with the statement's
 * operation, so a statement run again costs a map lookup. The writer does not run it again: the
 * auto-configuration leaves the bean of that name, whatever it is, out of the writer's chain. In a chain built
 * by hand it redacts {@code db.statement} like any redactor. A database error's literals are the
 * {@link SqlErrorRedactor}'s.
 */
public final class SqlLiteralRedactor implements TelemetryRedactor {

	/** The field statements are redacted as where they are recorded. */
	public static final Field STATEMENT = Field.attribute("db.statement");

	/** The one instance: the auto-configuration's bean, and what JDBC instrumentation built by hand applies. */
	public static final SqlLiteralRedactor BUILT_IN = new SqlLiteralRedactor();

	@Override
	public String redact(Field field, String value) {
		return (field.kind() == Field.Kind.DB_STATEMENT) ? SqlSanitizer.STANDARD.sanitize(value).text() : value;
	}

	@Override
	public boolean handles(Field.Kind kind) {
		return kind == Field.Kind.DB_STATEMENT;
	}

}
