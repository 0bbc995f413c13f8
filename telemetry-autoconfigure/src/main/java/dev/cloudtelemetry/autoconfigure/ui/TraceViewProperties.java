package dev.cloudtelemetry.autoconfigure.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The built-in trace view.
 */
@ConfigurationProperties("telemetry.ui")
public class TraceViewProperties {

	/**
	 * Whether to serve the trace view page and keep recent traces in memory for it. The page is part of the
	 * telemetry actuator endpoint (/actuator/telemetry/view): it is served where and to whom that endpoint is,
	 * when the endpoint is exposed over the web.
	 */
	private boolean enabled = false;

	/**
	 * Path on the application's port that redirects to the trace view page, when the actuator shares that
	 * port.
	 */
	private String path = "/telemetry";

	/**
	 * Most completed traces kept in memory for the trace view (and as many still in progress).
	 */
	private int recentTraces = 200;

	/**
	 * Most memory the kept traces may take, counted as the bytes of their JSON lines. The oldest traces are
	 * let go first; one trace keeps at most half of it.
	 */
	private DataSize recentTracesMaxSize = DataSize.ofMegabytes(16);

	/**
	 * Whether to keep recent traces and serve them at /actuator/telemetry/traces even when the page is
	 * disabled.
	 */
	private boolean tracesEndpoint = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public int getRecentTraces() {
		return this.recentTraces;
	}

	public void setRecentTraces(int recentTraces) {
		this.recentTraces = recentTraces;
	}

	public DataSize getRecentTracesMaxSize() {
		return this.recentTracesMaxSize;
	}

	public void setRecentTracesMaxSize(DataSize recentTracesMaxSize) {
		this.recentTracesMaxSize = recentTracesMaxSize;
	}

	public boolean isTracesEndpoint() {
		return this.tracesEndpoint;
	}

	public void setTracesEndpoint(boolean tracesEndpoint) {
		this.tracesEndpoint = tracesEndpoint;
	}

}
