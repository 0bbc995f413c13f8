package dev.cloudtelemetry.instrument.jdbc;

import java.util.Set;

import dev.cloudtelemetry.core.event.ErrorRedactor;
import dev.cloudtelemetry.core.event.RedactedError;

/**
 * Redacts errors that come from a database, wherever they are reported: a bean method through which a
 * {@code DataAccessException} or a JPA exception travels writes it too, and their messages quote the
 * failing statement with its literals ({@code bad SQL grammar [select ... where email = 'a@b.c']}). Such an
 * error is written with its type and stack frames, a sanitized first line of its message and no causes.
 */
public final class SqlErrorRedactor implements ErrorRedactor {

	private static final Set<String> DATABASE_ERRORS = Set.of("java.sql.SQLException",
			"org.springframework.dao.DataAccessException", "jakarta.persistence.PersistenceException",
			"javax.persistence.PersistenceException", "org.hibernate.HibernateException",
			"org.springframework.jdbc.UncategorizedSQLException", "org.springframework.orm.jpa.JpaSystemException");

	private static final int MAX_CAUSES = 16;

	@Override
	public Throwable redact(Throwable error) {
		if (error instanceof RedactedError || !fromDatabase(error)) {
			return error;
		}
		return new RedactedError(error, SqlErrorMessages.sanitize(error.getMessage()));
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
