package dev.cloudtelemetry.output;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes to standard output. Each batch of complete lines is written with one call to the
 * {@link PrintStream}, which other writers (log appenders) synchronize on too, so a line is never split
 * by another writer's output.
 */
public final class StdoutTarget implements OutputTarget {

	private final PrintStream stream;

	public StdoutTarget() {
		this(System.out);
	}

	public StdoutTarget(PrintStream stream) {
		this.stream = stream;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.stream.write(bytes, offset, length);
		if (this.stream.checkError()) {
			throw new IOException("standard output is closed or failing");
		}
	}

	@Override
	public void flush() {
		this.stream.flush();
	}

	@Override
	public void close() {
		this.stream.flush();
	}

	@Override
	public String describe() {
		return "stdout";
	}

}
