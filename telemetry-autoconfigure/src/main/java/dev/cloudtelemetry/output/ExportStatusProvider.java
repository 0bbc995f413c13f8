package dev.cloudtelemetry.output;

/**
 * An exporter that reports its own state (a remote destination's backlog, last success, last error) for
 * the actuator endpoint, beside the writer's counters.
 */
@FunctionalInterface
public interface ExportStatusProvider {

	/**
	 * @return a snapshot of the exporter's state, rendered as JSON by the endpoint
	 */
	Object exportStatus();

}
