package dev.cloudtelemetry.core.event;

/**
 * Accepts events for output. Implementations never throw and never do I/O on the calling thread.
 */
@FunctionalInterface
public interface EventSink {

	void accept(TelemetryEvent event);

	/**
	 * Accepts an event and tells whether it was queued for output.
	 * @param event the event
	 * @return {@code false} when the event was dropped
	 */
	default boolean offer(TelemetryEvent event) {
		accept(event);
		return true;
	}

}
