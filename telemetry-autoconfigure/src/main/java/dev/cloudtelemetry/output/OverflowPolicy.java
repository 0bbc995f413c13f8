package dev.cloudtelemetry.output;

/**
 * What an application thread does when the event queue is full.
 */
public enum OverflowPolicy {

	/** Wait for room: nothing is lost, the application may slow down under extreme load. */
	BLOCK,

	/** Drop the event and count it: the application never waits. */
	DROP

}
