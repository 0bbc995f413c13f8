package dev.cloudtelemetry.autoconfigure.context;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Correlation of application log lines with the telemetry, under {@code telemetry.mdc}.
 */
@ConfigurationProperties("telemetry.mdc")
public class MdcProperties {

	/**
	 * Whether the current span's trace_id and span_id are put in the SLF4J MDC.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
