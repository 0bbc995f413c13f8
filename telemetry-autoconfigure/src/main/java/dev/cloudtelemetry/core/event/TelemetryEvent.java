package dev.cloudtelemetry.core.event;

import dev.cloudtelemetry.core.context.Span;

/**
 * One telemetry.v2 event before it is encoded. Instrumentation creates events on the application's
 * threads with as little work as possible; everything that can wait (messages, attribute formatting,
 * stack traces) is done by {@link #message()} and {@link #writeAttributes} on the writer thread.
 * <p>
 * An object may be submitted more than once, each time as the next event of the same unit of work (a
 * method call is submitted at entry and again at exit): the encoder calls {@link #afterEncoding()} after
 * each encoding, on the writer thread, so that the object can move on to its next event.
 */
public interface TelemetryEvent {

	/** The {@code event_type}, such as {@code function_entry}. */
	String eventType();

	/** When the event happened, in nanoseconds since the epoch. */
	long timestampNanos();

	Severity severity();

	/** The span the event belongs to, or {@code null} for an event outside any trace. */
	Span span();

	/** The {@code function_name}, or {@code null} where none applies. */
	default String functionName() {
		Span span = span();
		return (span != null) ? span.name() : null;
	}

	/** The {@code duration_ns}, or a negative value where none applies (written as {@code null}). */
	default long durationNanos() {
		return -1;
	}

	/**
	 * The {@code correlation_id}, derived from the span; {@code null} outside a span. The encoder writes
	 * the same text straight from the span, so implementations do not override this.
	 */
	default String correlationId() {
		Span span = span();
		return (span != null) ? span.correlationId() : null;
	}

	/** The error this event reports, or {@code null}. */
	default Throwable error() {
		return null;
	}

	/** The {@code message}: a short human-readable description. */
	String message();

	/**
	 * When the {@link #message()} is a text that does not change from one such event to the next followed by
	 * the {@link #durationNanos() duration} in milliseconds, rounded to two decimals, and {@code ms)}
	 * ({@code Function 'OrderService.place' exit (} then {@code 12.34ms)}): that text, as the same instance
	 * each time. The encoder may then write the message from it without calling {@link #message()}, when the
	 * redactors let every such message through unchanged. {@code null} (the default) otherwise.
	 * @return the message's text before the duration, or {@code null}
	 */
	default String messageBeforeDuration() {
		return null;
	}

	/** Writes the event's attributes. */
	void writeAttributes(AttributeWriter attributes);

	/** Called on the writer thread after each encoding of this object. */
	default void afterEncoding() {
	}

	/**
	 * Called when this object was held (as part of an unsampled trace that may still be kept) and the sink
	 * refused its first submission when the held events were handed over: an object submitted twice then
	 * knows that its second submission is its only one.
	 */
	default void firstSubmissionRefused() {
	}

}
