package dev.cloudtelemetry.output;

import java.io.IOException;

/**
 * Where encoded events go: the writer thread hands every exporter the same batches of complete
 * telemetry.v2 JSON lines. The starter's own output (a file or standard output) is one; an application
 * adds a destination by declaring a bean of this type.
 * <p>
 * Called only from the writer thread. An exporter writes a batch whole or throws: after an exception the
 * writer keeps the batch (up to {@code telemetry.output.retry-buffer}) and offers it again later, so an
 * exporter must not leave part of a failed batch behind where the retry would duplicate or glue it.
 */
public interface EventExporter extends AutoCloseable {

	/**
	 * Writes complete lines.
	 * @param lines the buffer
	 * @param offset where the first line starts
	 * @param length the number of bytes, ending with a line feed
	 * @throws IOException when the batch could not be written; nothing of it remains written
	 */
	void export(byte[] lines, int offset, int length) throws IOException;

	/**
	 * Pushes written lines on. Also called about five times a second while no events arrive, so that an
	 * exporter can do time-based work (notice a replaced file, rotate by time).
	 * @throws IOException when that failed
	 */
	default void flush() throws IOException {
	}

	@Override
	void close() throws IOException;

	/** Where the lines go, for diagnostics: {@code stdout}, a file path, an address. */
	String describe();

}
