package dev.cloudtelemetry.output.otlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts, without parsing, the lines of a batch and those that end a span: a span-ending event has a
 * top-level {@code "duration_ns":} that is not {@code null}. The encoder writes it before the attributes and
 * escapes every quote inside a value, so the first {@code "duration_ns":} of a line is the top-level one.
 */
final class SpanLines {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final byte[] DURATION = "\"duration_ns\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CORRELATION = "\"correlation_id\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVICE = ",\"service\":{".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ERROR = ",\"error\":{".getBytes(StandardCharsets.US_ASCII);

	private SpanLines() {
	}

	/**
	 * @return the number of lines (low 32 bits) and of span-ending lines (high 32 bits)
	 */
	static long count(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int lines = 0;
		int spans = 0;
		int start = offset;
		int lineFeed;
		while ((lineFeed = lineFeed(bytes, start, end)) >= 0) {
			lines++;
			if (endsSpan(bytes, start, lineFeed)) {
				spans++;
			}
			start = lineFeed + 1;
		}
		return ((long) spans << 32) | lines;
	}

	/**
	 * The first line feed in {@code bytes[from, end)}, or -1. Runs on the writer thread for every line when OTLP
	 * export is on, so it looks at eight bytes at a time: a byte of the word XORed with the wanted byte repeated is
	 * zero where the wanted byte is, and {@code (w - 0x01..) & ~w & 0x80..} marks the lowest zero byte exactly.
	 */
	static int lineFeed(byte[] bytes, int from, int end) {
		return indexOf(bytes, from, end, (byte) '\n');
	}

	static int lines(long count) {
		return (int) count;
	}

	static int spans(long count) {
		return (int) (count >>> 32);
	}

	static boolean endsSpan(byte[] bytes, int start, int end) {
		int at = indexOf(bytes, start, end, DURATION);
		int value = at + DURATION.length;
		return at >= 0 && value < end && bytes[value] != 'n';
	}

	/**
	 * @return where the line's top-level {@code ,"service":{} starts (it follows {@code correlation_id}; the
	 * blocks after it describe the process, not the event), or -1 when there is none or when an
	 * {@code error} block (which describes the event) follows them
	 */
	static int resourceStart(byte[] bytes, int start, int end) {
		int correlation = indexOf(bytes, start, end, CORRELATION);
		int service = (correlation < 0) ? -1 : indexOf(bytes, correlation, end, SERVICE);
		return (service < 0 || indexOf(bytes, service, end, ERROR) >= 0) ? -1 : service;
	}

	static int indexOf(byte[] bytes, int start, int end, byte[] wanted) {
		int last = end - wanted.length;
		byte first = wanted[0];
		int i = start;
		while (i <= last) {
			i = indexOf(bytes, i, last + 1, first);
			if (i < 0) {
				return -1;
			}
			if (Arrays.equals(bytes, i + 1, i + wanted.length, wanted, 1, wanted.length)) {
				return i;
			}
			i++;
		}
		return -1;
	}

	/** Where {@code wanted} first occurs in {@code bytes[from, end)}, or -1; eight bytes at a time. */
	static int indexOf(byte[] bytes, int from, int end, byte wanted) {
		long pattern = (wanted & 0xFFL) * 0x0101010101010101L;
		int i = from;
		for (; i <= end - Long.BYTES; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i) ^ pattern;
			long zero = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
			if (zero != 0) {
				return i + (Long.numberOfTrailingZeros(zero) >>> 3);
			}
		}
		for (; i < end; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
