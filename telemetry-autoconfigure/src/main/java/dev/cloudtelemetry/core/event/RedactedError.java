package dev.cloudtelemetry.core.event;

/**
 * Stands in for an error whose message may hold data that must not be written (an SQL exception
 * quoting the statement's literals): it keeps the original type name and stack frames but carries a
 * sanitized message and no cause.
 */
public final class RedactedError extends RuntimeException {

	private final String originalType;

	/**
	 * @param original the error that was reported
	 * @param message the sanitized message, may be {@code null}
	 */
	public RedactedError(Throwable original, String message) {
		super(message, null, false, true);
		this.originalType = (original instanceof RedactedError redacted) ? redacted.originalType
				: original.getClass().getName();
		setStackTrace(original.getStackTrace());
	}

	/** The class name of the original error, written as {@code error.type}. */
	public String originalType() {
		return this.originalType;
	}

	@Override
	public String toString() {
		String message = getMessage();
		return (message != null) ? this.originalType + ": " + message : this.originalType;
	}

}
