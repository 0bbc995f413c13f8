package dev.cloudtelemetry.core.context;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates and formats W3C trace and span identifiers.
 */
public final class TraceIds {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final HexFormat LOWER_HEX = HexFormat.of();

	private TraceIds() {
	}

	/** A random, non-zero 64-bit id. */
	public static long randomNonZero() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long id;
		do {
			id = random.nextLong();
		}
		while (id == 0);
		return id;
	}

	/**
	 * A random, non-zero 64-bit id from which {@link #derivedSpanId} gives a non-zero span id: the low
	 * half of the trace id of a root span that does not store its span id. Any non-zero id does: the
	 * derivation is a bijection that maps only zero to zero, so nothing needs to be checked or drawn again.
	 */
	public static long randomRootTraceIdLow() {
		return randomNonZero();
	}

	/**
	 * The span id of a root span derived from the low half of its random trace id: a bijection (MurmurHash3's
	 * 64-bit finalizer), so the span id is as random as the trace id and needs no field of its own.
	 * @param traceIdLow the low 64 bits of the trace id
	 * @return the span id
	 */
	public static long derivedSpanId(long traceIdLow) {
		long x = traceIdLow;
		x ^= x >>> 33;
		x *= 0xff51afd7ed558ccdL;
		x ^= x >>> 33;
		x *= 0xc4ceb9fe1a85ec53L;
		x ^= x >>> 33;
		return x;
	}

	public static String toHex(long value) {
		// HexFormat builds the String on its own byte array: half the garbage of a char[] copy
		return LOWER_HEX.toHexDigits(value);
	}

	public static String toHex(long high, long low) {
		char[] chars = new char[32];
		fill(chars, 0, high);
		fill(chars, 16, low);
		return new String(chars);
	}

	private static void fill(char[] chars, int offset, long value) {
		for (int i = 15; i >= 0; i--) {
			chars[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	static String correlationId(String prefix, long spanId) {
		int bits = (int) (spanId >>> 32);
		char[] chars = new char[8];
		for (int i = 7; i >= 0; i--) {
			chars[i] = HEX[bits & 0xF];
			bits >>>= 4;
		}
		return prefix + "_" + new String(chars);
	}

	/**
	 * Parses 16 or 32 lowercase or uppercase hex digits; returns {@code 0} on anything else.
	 */
	public static long parseHex(CharSequence text, int start, int length) {
		if (length > 16 || start + length > text.length()) {
			return 0;
		}
		long value = 0;
		for (int i = start; i < start + length; i++) {
			int digit = Character.digit(text.charAt(i), 16);
			if (digit < 0) {
				return 0;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

}
