package sample.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Takes a secret through each channel an application has: an argument, an exception's message, a cause's
 * and a suppressed exception's, an SQL literal and a database error quoting it.
 */
@Service
public class SecretSink {

	private final JdbcTemplate jdbc;

	public SecretSink(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public int accept(String value) {
		return value.length();
	}

	public void fail(String value) {
		throw new IllegalStateException(value);
	}

	public void failWithCause(String value) {
		throw new IllegalStateException("could not store the note", new UncheckedIOException(new IOException(value)));
	}

	public void failWithSuppressed(String value) {
		IllegalStateException error = new IllegalStateException("could not close the note");
		error.addSuppressed(new IllegalArgumentException(value));
		throw error;
	}

	public int query(String value) {
		return this.jdbc.queryForList("select id from note where body = '" + value.replace("'", "''") + "'").size();
	}

	public int badQuery(String value) {
		return this.jdbc.queryForList("select nope from note where body = '" + value.replace("'", "''") + "'").size();
	}

}
