package dev.cloudtelemetry.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to a file, creating it and its parent directories when needed. The file is opened on the
 * first write, on the writer thread.
 */
public final class FileTarget implements OutputTarget {

	private final Path path;

	private OutputStream stream;

	public FileTarget(Path path) {
		this.path = path;
	}

	public Path path() {
		return this.path;
	}

	private OutputStream stream() throws IOException {
		if (this.stream == null) {
			Path parent = this.path.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.stream = Files.newOutputStream(this.path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
					StandardOpenOption.WRITE);
		}
		return this.stream;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		try {
			stream().write(bytes, offset, length);
		}
		catch (IOException ex) {
			closeQuietly();
			throw ex;
		}
	}

	@Override
	public void flush() throws IOException {
		if (this.stream != null) {
			this.stream.flush();
		}
	}

	@Override
	public void close() throws IOException {
		if (this.stream != null) {
			try {
				this.stream.close();
			}
			finally {
				this.stream = null;
			}
		}
	}

	private void closeQuietly() {
		try {
			close();
		}
		catch (IOException ex) {
			// already failing; the original exception is reported
		}
	}

	@Override
	public String describe() {
		return this.path.toString();
	}

}
