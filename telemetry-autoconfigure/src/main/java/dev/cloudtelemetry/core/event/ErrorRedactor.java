package dev.cloudtelemetry.core.event;

/**
 * Removes data that must not be written from an error before it is encoded (run on the writer thread).
 */
@FunctionalInterface
public interface ErrorRedactor {

	/** Writes errors as they are. */
	ErrorRedactor NONE = (error) -> error;

	/**
	 * @param error the error an event reports
	 * @return the error to write: the same one, or a {@link RedactedError} standing in for it
	 */
	Throwable redact(Throwable error);

	/**
	 * @param next the redactor applied to what this one returns
	 * @return a redactor applying this one, then {@code next}
	 */
	default ErrorRedactor andThen(ErrorRedactor next) {
		return (error) -> next.redact(redact(error));
	}

}
