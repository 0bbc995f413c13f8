package dev.cloudtelemetry.core.encode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Writes an event's two timestamps from its epoch nanoseconds without allocating: {@code timestamp} as
 * RFC 3339 UTC with milliseconds ({@code 2025-10-30T15:04:00.123Z}) and {@code timestamp_ns} as the number.
 * Both change only their fraction within a second, so the text up to the seconds of each is kept for the
 * current second and only the fraction is written. Not thread-safe: used by the writer thread.
 */
final class TimestampFormatter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private long cachedSecond = Long.MIN_VALUE;

	/** {@code 2025-10-30T15:04:00.} for {@link #cachedSecond}. */
	private byte[] dateTime = new byte[0];

	/** The epoch seconds' digits, the part of {@code timestamp_ns} before its nine digits of nanoseconds. */
	private byte[] seconds = new byte[0];

	/**
	 * Writes {@code timestamp} (the text, without its quotes).
	 * @param epochNanos nanoseconds since the epoch
	 * @param out where to write
	 */
	void write(long epochNanos, JsonWriter out) {
		long second = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
		if (second != this.cachedSecond) {
			cache(second);
		}
		int nanoOfSecond = (int) (epochNanos - second * NANOS_PER_SECOND);
		out.raw(this.dateTime).padded((int) (nanoOfSecond / NANOS_PER_MILLI), 3).raw((byte) 'Z');
	}

	/**
	 * Writes {@code timestamp_ns}, as {@link JsonWriter#number(long)} would.
	 * @param epochNanos nanoseconds since the epoch
	 * @param out where to write
	 */
	void writeNanos(long epochNanos, JsonWriter out) {
		if (epochNanos < NANOS_PER_SECOND) {
			out.number(epochNanos);
			return;
		}
		long second = epochNanos / NANOS_PER_SECOND;
		if (second != this.cachedSecond) {
			cache(second);
		}
		out.raw(this.seconds).padded((int) (epochNanos - second * NANOS_PER_SECOND), 9);
	}

	private void cache(long second) {
		LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
		// the date as LocalDate.toString() writes it (a year past 9999 with its sign), then hh:mm:ss
		this.dateTime = (time.toLocalDate() + "T" + twoDigits(time.getHour()) + ":" + twoDigits(time.getMinute())
				+ ":" + twoDigits(time.getSecond()) + ".").getBytes(StandardCharsets.US_ASCII);
		this.seconds = Long.toString(second).getBytes(StandardCharsets.US_ASCII);
		this.cachedSecond = second;
	}

	private static String twoDigits(int value) {
		return (value < 10) ? "0" + value : Integer.toString(value);
	}

}
