package dev.cloudtelemetry.output.otlp;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads a JSONL file from a byte offset, gzip or not ({@code .gz}): offsets count uncompressed bytes. A plain
 * file is read at positions, so that lines appended later are seen; an open file stays readable after it is
 * renamed or deleted. Also names a file by its beginning ({@link #key(Path)}), which survives rotation's
 * rename and compression.
 */
final class LineFile implements Closeable {

	/** The bytes a file's key is taken from: its first line, or this many bytes of it. */
	static final int KEY_BYTES = 4096;

	private final @Nullable FileChannel channel;

	private final @Nullable InputStream gzip;

	private long position;

	private LineFile(@Nullable FileChannel channel, @Nullable InputStream gzip, long position) {
		this.channel = channel;
		this.gzip = gzip;
		this.position = position;
	}

	static boolean compressed(Path file) {
		return file.getFileName().toString().endsWith(".gz");
	}

	/**
	 * @param offset where to start, in uncompressed bytes
	 * @throws IOException when the file cannot be opened, or is shorter than the offset when compressed
	 */
	static LineFile open(Path file, long offset) throws IOException {
		if (!compressed(file)) {
			return new LineFile(FileChannel.open(file, StandardOpenOption.READ), null, offset);
		}
		InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
		try {
			long left = offset;
			while (left > 0) {
				long skipped = in.skip(left);
				if (skipped <= 0) {
					throw new EOFException(file + " is shorter than " + offset + " bytes");
				}
				left -= skipped;
			}
		}
		catch (IOException ex) {
			in.close();
			throw ex;
		}
		return new LineFile(null, in, offset);
	}

	/**
	 * @return the bytes read, 0 at the (current) end
	 */
	int read(byte[] buffer, int offset, int length) throws IOException {
		int read;
		if (this.channel != null) {
			read = this.channel.read(ByteBuffer.wrap(buffer, offset, length), this.position);
		}
		else if (this.gzip != null) {
			read = this.gzip.readNBytes(buffer, offset, length);
		}
		else {
			read = 0;
		}
		if (read <= 0) {
			return 0;
		}
		this.position += read;
		return read;
	}

	/**
	 * @return the key of the file as opened (not of whatever is at its path now), or {@code null} when it is
	 * compressed (compressed files are never renamed) or has no key yet
	 */
	@Nullable String keyIfPlain() throws IOException {
		if (this.channel == null) {
			return null;
		}
		ByteBuffer start = ByteBuffer.allocate(KEY_BYTES);
		while (start.hasRemaining() && this.channel.read(start, start.position()) > 0) {
			// fills up to KEY_BYTES
		}
		return key(start.array(), start.position());
	}

	/** Where the next read starts, in uncompressed bytes. */
	long position() {
		return this.position;
	}

	/**
	 * A file's name that survives renaming and compression: a hash of its first line, or of its first
	 * {@value #KEY_BYTES} bytes when the line is longer.
	 * @return the key, or {@code null} while the file has neither (empty, or a first line still being written)
	 */
	static @Nullable String key(Path file) throws IOException {
		byte[] start = new byte[KEY_BYTES];
		int length = 0;
		try (LineFile in = open(file, 0)) {
			int read;
			while (length < KEY_BYTES && (read = in.read(start, length, KEY_BYTES - length)) > 0) {
				length += read;
			}
		}
		return key(start, length);
	}

	/**
	 * @param start the first bytes of a file
	 * @param length how many
	 * @return the file's key, or {@code null} when they hold neither a line feed nor {@value #KEY_BYTES} bytes
	 */
	static @Nullable String key(byte[] start, int length) {
		int end = -1;
		for (int i = 0; i < Math.min(length, KEY_BYTES); i++) {
			if (start[i] == '\n') {
				end = i;
				break;
			}
		}
		if (end < 0 && length < KEY_BYTES) {
			return null;
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(start, 0, (end < 0) ? KEY_BYTES : end);
			return HexFormat.of().formatHex(digest.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * Counts the complete lines from an offset to the end, and those that end a span.
	 * @return {spans, bytes}
	 */
	static long[] countFrom(Path file, long offset) throws IOException {
		long spans = 0;
		long bytes = 0;
		byte[] buffer = new byte[256 * 1024];
		int carry = 0;
		try (LineFile in = open(file, offset)) {
			int read;
			while ((read = in.read(buffer, carry, buffer.length - carry)) > 0) {
				int filled = carry + read;
				int lastLine = lastLineFeed(buffer, filled);
				if (lastLine < 0) {
					buffer = (filled == buffer.length) ? java.util.Arrays.copyOf(buffer, buffer.length * 2) : buffer;
					carry = filled;
					continue;
				}
				spans += SpanLines.spans(SpanLines.count(buffer, 0, lastLine + 1));
				bytes += lastLine + 1;
				carry = filled - lastLine - 1;
				System.arraycopy(buffer, lastLine + 1, buffer, 0, carry);
			}
		}
		return new long[] { spans, bytes };
	}

	static int lastLineFeed(byte[] buffer, int length) {
		for (int i = length - 1; i >= 0; i--) {
			if (buffer[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
		}
		if (this.gzip != null) {
			this.gzip.close();
		}
	}

}
