package dev.cloudtelemetry.core.clock;

import java.util.function.LongSupplier;

/**
 * Source of event timestamps in nanoseconds since the Unix epoch.
 * <p>
 * A clock may run apart from the wall clock (see {@link #system()}): {@link #epochNanos()} then stays
 * monotonic, so that durations are exact, and {@link #correctionNanos()} says how far the wall clock has moved
 * against it. Whatever writes a timestamp adds the correction in force when it writes.
 */
@FunctionalInterface
public interface NanoClock {

	/**
	 * @return the current time in nanoseconds since the epoch, as this clock counts it
	 */
	long epochNanos();

	/**
	 * What to add to a value of {@link #epochNanos()} to get the wall-clock time: {@code 0} unless the wall
	 * clock was stepped, or the process suspended or restored from a checkpoint, since the clock started.
	 * Changes only in {@link #synchronize()}.
	 * @return nanoseconds, positive when the wall clock is ahead of this clock
	 */
	default long correctionNanos() {
		return 0;
	}

	/**
	 * Compares this clock with the wall clock now and updates {@link #correctionNanos()} when they differ by
	 * more than a millisecond. Cheap enough to call once a
	 * second, not on every event.
	 */
	default void synchronize() {
	}

	/**
	 * A clock anchored to the wall clock at start and advanced by {@link System#nanoTime()}: allocation-free,
	 * nanosecond resolution and monotonic, so that {@code duration_ns} is exact and never negative whatever
	 * the wall clock does during a call. When the wall clock moves apart from it (an operator's or NTP's step,
	 * a suspended virtual machine, a restore from a CRaC or Lambda SnapStart checkpoint, where
	 * {@code nanoTime} does not count the time the process was away), {@link #synchronize()} notices it and
	 * {@link #correctionNanos()} carries the difference.
	 * @return the clock
	 */
	static NanoClock system() {
		return MonotonicNanoClock.INSTANCE;
	}

	/**
	 * As {@link #system()}, following {@code wallClockNanos} instead of the system's wall clock: for an
	 * application with a time source of its own, and for tests that step the wall clock.
	 * @param wallClockNanos the wall clock, in nanoseconds since the epoch
	 * @return a new clock, anchored to {@code wallClockNanos} now
	 */
	static NanoClock following(LongSupplier wallClockNanos) {
		return new MonotonicNanoClock(wallClockNanos);
	}

}
