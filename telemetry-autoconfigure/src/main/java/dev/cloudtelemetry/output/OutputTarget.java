package dev.cloudtelemetry.output;

import java.io.IOException;

/**
 * Where encoded lines go. Called only from the writer thread; every call receives whole lines.
 */
public interface OutputTarget extends AutoCloseable {

	/** Writes complete lines. */
	void write(byte[] bytes, int offset, int length) throws IOException;

	void flush() throws IOException;

	@Override
	void close() throws IOException;

	/** Where the lines go, for diagnostics: {@code stdout} or a file path. */
	String describe();

}
