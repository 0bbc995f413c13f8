package dev.cloudtelemetry.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code telemetry} actuator endpoint.
 */
@ConfigurationProperties("telemetry.endpoint")
public class TelemetryEndpointProperties {

	/**
	 * When to show identifying metadata values (account ids, addresses, instance and pod ids, annotations)
	 * unmasked.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles allowed to see unmasked values when show-values is when-authorized. Any authenticated user
	 * when empty.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
