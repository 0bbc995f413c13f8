package dev.cloudtelemetry.autoconfigure.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter beside other tracers of the application, under {@code telemetry.external-tracers}.
 */
@ConfigurationProperties("telemetry.external-tracers")
public class ExternalTracersProperties {

	/**
	 * Whether spans that have no parent of their own join the current span of Micrometer Tracing or of
	 * OpenTelemetry (the Java agent), and a traceparent that one of those wrote on an outgoing request of
	 * the same trace is left as it is.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
