package dev.cloudtelemetry.instrument.http;

import java.nio.charset.StandardCharsets;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.TraceIds;

/**
 * Reads and writes the W3C Trace Context {@code traceparent} header
 * ({@code version-traceid-parentid-flags}, such as
 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}).
 * <p>
 * Parsing follows the specification's rules: lowercase hex only, version {@code ff} and all-zero ids
 * invalid, version {@code 00} exactly 55 characters, later versions at least 55 characters with a
 * {@code -} after the flags when longer. Anything invalid yields {@code null}, which starts a new trace.
 */
public final class TraceParent {

	/** The {@code traceparent} header name. */
	public static final String TRACEPARENT = "traceparent";

	/** The {@code tracestate} header name. */
	public static final String TRACESTATE = "tracestate";

	private static final int LENGTH = 55;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final int MAX_TRACESTATE_LENGTH = 512;

	private TraceParent() {
	}

	/**
	 * Parses the headers of an incoming request.
	 * @param traceparent the {@code traceparent} value, may be {@code null}
	 * @param tracestate the {@code tracestate} value, may be {@code null}
	 * @return the caller's context, or {@code null} when {@code traceparent} is missing or invalid
	 */
	public static RemoteContext parse(String traceparent, String tracestate) {
		if (traceparent == null) {
			return null;
		}
		String value = traceparent.strip();
		if (value.length() < LENGTH || !isLowerHex(value, 0, 2) || value.charAt(2) != '-' || value.charAt(35) != '-'
				|| value.charAt(52) != '-') {
			return null;
		}
		boolean version00 = value.charAt(0) == '0' && value.charAt(1) == '0';
		if (value.charAt(0) == 'f' && value.charAt(1) == 'f') {
			return null;
		}
		if (version00 ? value.length() != LENGTH : (value.length() > LENGTH && value.charAt(55) != '-')) {
			return null;
		}
		if (!isLowerHex(value, 3, 32) || !isLowerHex(value, 36, 16) || !isLowerHex(value, 53, 2)) {
			return null;
		}
		long high = TraceIds.parseHex(value, 3, 16);
		long low = TraceIds.parseHex(value, 19, 16);
		long spanId = TraceIds.parseHex(value, 36, 16);
		if ((high == 0 && low == 0) || spanId == 0) {
			return null;
		}
		boolean sampled = (Character.digit(value.charAt(54), 16) & 1) == 1;
		return new RemoteContext(high, low, spanId, sampled, cleanTraceState(tracestate));
	}

	/**
	 * Formats the {@code traceparent} that makes {@code span} the parent of the callee's span.
	 * @param span the client span
	 * @return the header value, version {@code 00}, flags {@code 01} when the span's trace is sampled and
	 * {@code 00} when not
	 */
	public static String format(Span span) {
		// one array and one string: this runs on the application's thread for every outgoing call
		byte[] text = new byte[LENGTH];
		text[0] = '0';
		text[1] = '0';
		text[2] = '-';
		hex(span.traceIdHigh(), text, 3);
		hex(span.traceIdLow(), text, 19);
		text[35] = '-';
		hex(span.spanId(), text, 36);
		text[52] = '-';
		text[53] = '0';
		text[54] = span.sampled() ? (byte) '1' : (byte) '0';
		return new String(text, StandardCharsets.ISO_8859_1);
	}

	private static void hex(long value, byte[] text, int offset) {
		for (int i = offset + 15; i >= offset; i--) {
			text[i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	private static String cleanTraceState(String tracestate) {
		if (tracestate == null) {
			return null;
		}
		String value = tracestate.strip();
		if (value.isEmpty() || value.length() > MAX_TRACESTATE_LENGTH) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return null;
			}
		}
		return value;
	}

	private static boolean isLowerHex(String text, int start, int length) {
		for (int i = start; i < start + length; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
