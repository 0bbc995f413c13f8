package dev.cloudtelemetry.core.clock;

/**
 * Source of event timestamps in nanoseconds since the Unix epoch.
 */
@FunctionalInterface
public interface NanoClock {

	/**
	 * @return the current time in nanoseconds since the epoch
	 */
	long epochNanos();

	/**
	 * A clock anchored once to the wall clock and advanced by {@link System#nanoTime()}: allocation-free,
	 * nanosecond resolution, and monotonic, so that {@code duration_ns} always equals the difference of
	 * two {@code timestamp_ns} and is never negative when the wall clock is stepped.
	 * @return the clock
	 */
	static NanoClock system() {
		return MonotonicNanoClock.INSTANCE;
	}

}
