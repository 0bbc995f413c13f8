package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;

/**
 * Counts, without parsing, the lines of a batch and those that end a span: a span-ending event has a
 * top-level {@code "duration_ns":} that is not {@code null}. The encoder writes it before the attributes and
 * escapes every quote inside a value, so the first {@code "duration_ns":} of a line is the top-level one.
 */
final class SpanLines {

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
		for (int i = offset; i < end; i++) {
			if (bytes[i] == '\n') {
				lines++;
				if (endsSpan(bytes, start, i)) {
					spans++;
				}
				start = i + 1;
			}
		}
		return ((long) spans << 32) | lines;
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
		outer: for (int i = start; i <= last; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (bytes[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
