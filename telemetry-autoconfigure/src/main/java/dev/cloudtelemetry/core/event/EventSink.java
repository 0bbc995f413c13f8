package dev.cloudtelemetry.core.event;

/**
 * Accepts events for output. Implementations never throw and never do I/O on the calling thread.
 */
@FunctionalInterface
public interface EventSink {

	void accept(TelemetryEvent event);

}
