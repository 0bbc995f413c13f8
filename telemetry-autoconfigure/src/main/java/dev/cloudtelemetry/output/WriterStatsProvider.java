package dev.cloudtelemetry.output;

/**
 * What the actuator endpoint and diagnostics read about the event output.
 */
@FunctionalInterface
public interface WriterStatsProvider {

	/**
	 * A snapshot of the counters.
	 * @return the snapshot
	 */
	WriterStats stats();

}
