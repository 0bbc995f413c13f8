package dev.cloudtelemetry.instrument.jdbc;

import java.util.Set;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Redacts the messages of errors that come from a database, wherever they are reported: a bean method
 * through which a {@code DataAccessException} or a JPA exception travels writes it too, and their messages
 * quote the failing statement with its literals ({@code bad SQL grammar [select ... where email = 'a@b.c']}).
 * The message of such an error, and of every error in its stack trace caused by one, keeps its first line
 * with the literals replaced.
 */
public final class SqlErrorRedactor implements TelemetryRedactor {

	private static final Set<String> DATABASE_ERRORS = Set.of("java.sql.SQLException",
			"org.springframework.dao.DataAccessException", "jakarta.persistence.PersistenceException",
			"javax.persistence.PersistenceException", "org.hibernate.HibernateException",
			"org.springframework.jdbc.UncategorizedSQLException", "org.springframework.orm.jpa.JpaSystemException");

	private static final int MAX_CAUSES = 16;

	@Override
	public String redact(Field field, String value) {
		Throwable error = field.error();
		if (error == null || !fromDatabase(error)) {
			return value;
		}
		return SqlErrorMessages.sanitize(value);
	}

	@Override
	public boolean handles(Field.Kind kind) {
		return kind == Field.Kind.ERROR_MESSAGE || kind == Field.Kind.ERROR_STACKTRACE;
	}

	static boolean fromDatabase(Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
			for (Class<?> type = current.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
				if (DATABASE_ERRORS.contains(type.getName())) {
					return true;
				}
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return false;
	}

}
