package dev.cloudtelemetry.instrument.jdbc;

/**
 * Makes a driver's error message safe to write: drivers quote the failing statement with its literals
 * ("Syntax error in SQL statement ..."), and the detail lines of some ("Key (email)=(x) already
 * exists") hold row values without quotes. Only the first line is kept, with its literals replaced.
 */
public final class SqlErrorMessages {

	private SqlErrorMessages() {
	}

	/**
	 * @param message the driver's message, may be {@code null}
	 * @return the first line with literals replaced, or {@code null}
	 */
	public static String sanitize(String message) {
		if (message == null) {
			return null;
		}
		int end = message.length();
		for (int i = 0; i < message.length(); i++) {
			char c = message.charAt(i);
			if (c == '\n' || c == '\r') {
				end = i;
				break;
			}
		}
		return SqlSanitizer.MESSAGE.sanitize(message.substring(0, end)).text();
	}

}
