package dev.cloudtelemetry.core.event;

/**
 * The duration in exit messages ({@code "… exit (1.44ms)"}): milliseconds with two decimals, rounded as
 * {@code Math.round(nanos / 10_000.0)} rounds them. The message built on an application's object and the
 * encoder's shortcut that writes the same bytes both use it, so they cannot disagree.
 */
public final class DurationText {

	/** Below this (11 days), the rounding is done in integers: the double division was 7 % of the encoding. */
	private static final long INTEGER_BELOW = 1_000_000_000_000_000L;

	private DurationText() {
	}

	/**
	 * @param nanos a duration in nanoseconds
	 * @return it in hundredths of a millisecond, as {@code Math.round(nanos / 10_000.0)} gives
	 */
	public static long hundredthsOfMillis(long nanos) {
		return (nanos >= 0 && nanos < INTEGER_BELOW) ? (nanos + 5_000) / 10_000 : Math.round(nanos / 10_000.0);
	}

	/**
	 * Appends the duration in milliseconds with two decimals ({@code 1.44}).
	 * @param text where to append
	 * @param nanos a duration in nanoseconds
	 * @return {@code text}
	 */
	public static StringBuilder appendMillis(StringBuilder text, long nanos) {
		long hundredths = hundredthsOfMillis(nanos);
		text.append(hundredths / 100).append('.');
		long fraction = hundredths % 100;
		if (fraction < 10) {
			text.append('0');
		}
		return text.append(fraction);
	}

}
