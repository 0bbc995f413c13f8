package dev.cloudtelemetry.autoconfigure;

/**
 * A {@code telemetry.*} property has a value the starter cannot work with.
 */
public class InvalidTelemetryConfigurationException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String reason;

	public InvalidTelemetryConfigurationException(String property, Object value, String reason) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

}
