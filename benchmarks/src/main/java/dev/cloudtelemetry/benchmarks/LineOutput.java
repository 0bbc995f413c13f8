package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.cloudtelemetry.output.FileExporter;

/**
 * What the writer thread does with encoded lines: collects them in a reused buffer and hands them to a
 * {@link FileExporter} 64 KiB at a time, as {@code AsyncEventWriter} does. The file is deleted and started
 * again every GiB so that a benchmark does not fill the disk. Also an unsynchronized
 * {@link OutputStream}, for the Jackson encoders to write into.
 */
final class LineOutput extends OutputStream {

	static final int FLUSH_BYTES = 64 * 1024;

	private static final long ROTATE_BYTES = 1024L * 1024 * 1024;

	private final Path path;

	private final FileExporter target;

	private byte[] buffer = new byte[FLUSH_BYTES + 8192];

	private int length;

	private long fileBytes;

	private final boolean discard;

	/**
	 * @param path the file
	 * @param discard whether to throw batches away instead, to measure encoding alone
	 */
	LineOutput(Path path, boolean discard) {
		this.path = path;
		this.target = new FileExporter(path);
		this.discard = discard;
	}

	/** Writes the buffer out when it holds a batch; call after each whole line. */
	void lineWritten() throws IOException {
		if (this.length >= FLUSH_BYTES) {
			writeOut(this.buffer, this.length);
			this.length = 0;
		}
	}

	/** Writes out the lines of an external buffer, as the writer thread does with its {@code JsonWriter}. */
	void writeOut(byte[] bytes, int count) throws IOException {
		if (this.discard) {
			return;
		}
		this.target.export(bytes, 0, count);
		this.fileBytes += count;
		if (this.fileBytes >= ROTATE_BYTES) {
			this.target.close();
			Files.deleteIfExists(this.path);
			this.fileBytes = 0;
		}
	}

	/** The lines not yet written out, as text; for checks. */
	String pending() {
		return new String(this.buffer, 0, this.length, java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Forgets the lines not yet written out. */
	void discard() {
		this.length = 0;
	}

	@Override
	public void write(int b) {
		ensure(1);
		this.buffer[this.length++] = (byte) b;
	}

	@Override
	public void write(byte[] bytes, int offset, int count) {
		ensure(count);
		System.arraycopy(bytes, offset, this.buffer, this.length, count);
		this.length += count;
	}

	private void ensure(int extra) {
		if (this.length + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.length + extra, this.buffer.length * 2));
		}
	}

	@Override
	public void close() throws IOException {
		if (this.length > 0) {
			writeOut(this.buffer, this.length);
			this.length = 0;
		}
		this.target.close();
		Files.deleteIfExists(this.path);
	}

}
