package dev.cloudtelemetry.core.event;

/**
 * Event severity, ordered from the most verbose to the most severe.
 */
public enum Severity {

	TRACE, DEBUG, INFO, WARN, ERROR;

	/**
	 * @param minimum the lowest severity that is kept
	 * @return whether this severity is at least {@code minimum}
	 */
	public boolean isAtLeast(Severity minimum) {
		return ordinal() >= minimum.ordinal();
	}

}
