package dev.cloudtelemetry.core.event;

import dev.cloudtelemetry.core.context.Span;

/**
 * One telemetry.v2 event before it is encoded. Instrumentation creates events on the application's
 * threads with as little work as possible; everything that can wait (messages, attribute formatting,
 * stack traces) is done by {@link #message()} and {@link #writeAttributes} on the writer thread.
 */
public abstract class TelemetryEvent {

	private final long timestampNanos;

	private final Severity severity;

	private final Span span;

	protected TelemetryEvent(long timestampNanos, Severity severity, Span span) {
		this.timestampNanos = timestampNanos;
		this.severity = severity;
		this.span = span;
	}

	/** The {@code event_type}, such as {@code function_entry}. */
	public abstract String eventType();

	public final long timestampNanos() {
		return this.timestampNanos;
	}

	public final Severity severity() {
		return this.severity;
	}

	/** The span the event belongs to, or {@code null} for an event outside any trace. */
	public final Span span() {
		return this.span;
	}

	/** The {@code function_name}, or {@code null} where none applies. */
	public String functionName() {
		return (this.span != null) ? this.span.name() : null;
	}

	/** The {@code duration_ns}, or a negative value where none applies (written as {@code null}). */
	public long durationNanos() {
		return -1;
	}

	/** The {@code correlation_id}, or {@code null}. */
	public final String correlationId() {
		return (this.span != null) ? this.span.correlationId() : null;
	}

	/** The error this event reports, or {@code null}. */
	public Throwable error() {
		return null;
	}

	/** The {@code message}: a short human-readable description. */
	public abstract String message();

	/** Writes the event's attributes. */
	public abstract void writeAttributes(AttributeWriter attributes);

}
