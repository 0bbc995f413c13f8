package dev.cloudtelemetry.output;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Writes to standard output. Each batch of complete lines is written with one call to the
 * {@link PrintStream}, which serializes it with other writers (log appenders), so a line is never split
 * by another writer's output.
 * <p>
 * A {@link PrintStream} reports errors only through a flag that never clears: once it is set, batches go
 * straight to the process's standard output instead, where every write reports its own success, so that
 * one broken pipe does not count every later batch as failed.
 */
public final class StdoutExporter implements EventExporter {

	private final PrintStream stream;

	private final OutputStream direct;

	public StdoutExporter() {
		this(System.out, new FileOutputStream(FileDescriptor.out));
	}

	/**
	 * @param stream the stream written while it reports no error
	 * @param direct the same destination without a sticky error flag, written once the stream reported one
	 */
	public StdoutExporter(PrintStream stream, OutputStream direct) {
		this.stream = stream;
		this.direct = direct;
	}

	@Override
	public void export(byte[] lines, int offset, int length) throws IOException {
		if (this.stream.checkError()) {
			this.direct.write(lines, offset, length);
			return;
		}
		this.stream.write(lines, offset, length);
		if (this.stream.checkError()) {
			throw new IOException("standard output is closed or failing");
		}
	}

	@Override
	public void flush() throws IOException {
		if (this.stream.checkError()) {
			this.direct.flush();
		}
		else {
			this.stream.flush();
		}
	}

	@Override
	public void close() throws IOException {
		flush();
	}

	@Override
	public String describe() {
		return "stdout";
	}

}
