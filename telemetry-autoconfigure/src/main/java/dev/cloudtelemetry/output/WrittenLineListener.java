package dev.cloudtelemetry.output;

import dev.cloudtelemetry.core.context.Span;

/**
 * Receives every line the writer encodes, on the writer thread, right after the line was encoded (for
 * example the in-memory store of recent traces behind the trace view). Implementations must be quick and
 * must copy what they keep: the bytes are the writer's reused buffer and change after the call returns.
 * An exception thrown here is logged and never stops the writer.
 */
@FunctionalInterface
public interface WrittenLineListener {

	/**
	 * @param span the span of the event (immutable), or {@code null} for an event outside any trace
	 * @param sequence the event's {@code sequence}
	 * @param line the buffer holding the line
	 * @param offset where the line starts in {@code line}
	 * @param length the line's length in bytes, its line feed included
	 */
	void written(Span span, long sequence, byte[] line, int offset, int length);

}
