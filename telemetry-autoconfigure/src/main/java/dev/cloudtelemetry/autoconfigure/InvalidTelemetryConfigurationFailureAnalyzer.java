package dev.cloudtelemetry.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidTelemetryConfigurationException} into a start-up report that names the property.
 */
class InvalidTelemetryConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidTelemetryConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTelemetryConfigurationException cause) {
		String description = "The telemetry starter cannot use the value '" + cause.getValue() + "' of property '"
				+ cause.getProperty() + "': " + cause.getReason() + ".";
		String action = "Update '" + cause.getProperty()
				+ "' in your configuration (application.yml, an environment variable or a command-line argument), "
				+ "or set 'telemetry.enabled=false' to turn telemetry off.";
		return new FailureAnalysis(description, action, cause);
	}

}
