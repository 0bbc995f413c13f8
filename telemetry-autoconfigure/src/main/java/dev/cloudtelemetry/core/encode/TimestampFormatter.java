package dev.cloudtelemetry.core.encode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Formats epoch nanoseconds as RFC 3339 UTC with milliseconds ({@code 2025-10-30T15:04:00.123Z}) without
 * allocating: the date part is cached for the current day and the time is plain arithmetic.
 */
final class TimestampFormatter {

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private static final long MILLIS_PER_DAY = 86_400_000L;

	private long cachedDay = Long.MIN_VALUE;

	private byte[] cachedDate;

	void write(long epochNanos, JsonWriter out) {
		long epochMillis = Math.floorDiv(epochNanos, NANOS_PER_MILLI);
		long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
		if (day != this.cachedDay) {
			this.cachedDate = (LocalDate.ofEpochDay(day) + "T").getBytes(StandardCharsets.US_ASCII);
			this.cachedDay = day;
		}
		int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
		out.raw(this.cachedDate);
		out.padded(millisOfDay / 3_600_000, 2).raw((byte) ':');
		out.padded((millisOfDay / 60_000) % 60, 2).raw((byte) ':');
		out.padded((millisOfDay / 1000) % 60, 2).raw((byte) '.');
		out.padded(millisOfDay % 1000, 3).raw((byte) 'Z');
	}

}
