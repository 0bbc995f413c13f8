package dev.cloudtelemetry.output;

/**
 * What an application thread does when the event queue is full.
 */
public enum OverflowPolicy {

	/**
	 * Wait for room: nothing is lost while the writer moves, the application may slow down under extreme load.
	 * A writer that takes no event for the stall timeout (its output hangs) is not waited for: events are then
	 * dropped and counted until it moves again (see {@link AsyncEventWriter#stallTimeout(long)}).
	 */
	BLOCK,

	/** Drop the event and count it: the application never waits. */
	DROP

}
