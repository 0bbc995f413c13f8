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

	/**
	 * Called on the application's thread when a local root span ended (a request, a job, a function
	 * invocation) after its last event was accepted. A sink that must have those events written before the
	 * process may be frozen (AWS Lambda freezes it as soon as the invocation returns) writes them now; others
	 * do nothing, as by default.
	 */
	default void rootEnded() {
	}

}
