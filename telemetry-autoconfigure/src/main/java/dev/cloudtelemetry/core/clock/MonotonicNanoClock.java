package dev.cloudtelemetry.core.clock;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link NanoClock#system()}: anchored once, advanced by {@link System#nanoTime()}, with a correction that
 * {@link #synchronize()} keeps in line with the wall clock.
 */
final class MonotonicNanoClock implements NanoClock {

	/** Differences up to this are left alone: the two clocks are read one after the other, not at once. */
	static final long TOLERANCE_NANOS = 1_000_000;

	/**
	 * A comparison whose reads of {@code nanoTime} around the wall clock lie further apart than this (the
	 * thread was descheduled between them) is not trusted and is made again.
	 */
	static final long MAX_READ_NANOS = 100_000;

	private static final int ATTEMPTS = 3;

	/** Moves this large are told at INFO, smaller ones (NTP setting the clock by a few milliseconds) at DEBUG. */
	private static final long LOGGED_NANOS = 1_000_000_000L;

	static final MonotonicNanoClock INSTANCE = new MonotonicNanoClock(MonotonicNanoClock::systemWallClock);

	private static final System.Logger logger = System.getLogger(NanoClock.class.getName());

	private final LongSupplier wallClock;

	private final long anchorEpochNanos;

	private final long anchorNanoTime;

	private volatile long correction;

	MonotonicNanoClock(LongSupplier wallClock) {
		this.wallClock = wallClock;
		// a first read loads and links what the wall clock needs, which can take longer than the tolerance
		wallClock.getAsLong();
		long before = System.nanoTime();
		long wall = wallClock.getAsLong();
		long after = System.nanoTime();
		for (int attempt = 1; attempt < ATTEMPTS && after - before > MAX_READ_NANOS; attempt++) {
			before = System.nanoTime();
			wall = wallClock.getAsLong();
			after = System.nanoTime();
		}
		this.anchorNanoTime = before + (after - before) / 2;
		this.anchorEpochNanos = wall;
	}

	@Override
	public long epochNanos() {
		return this.anchorEpochNanos + (System.nanoTime() - this.anchorNanoTime);
	}

	@Override
	public long correctionNanos() {
		return this.correction;
	}

	@Override
	public void synchronize() {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			long before = System.nanoTime();
			long wall;
			try {
				wall = this.wallClock.getAsLong();
			}
			catch (RuntimeException ex) {
				// a time source of the application's that fails: keep the correction as it is
				return;
			}
			long after = System.nanoTime();
			if (after - before <= MAX_READ_NANOS) {
				long ours = this.anchorEpochNanos + (before + (after - before) / 2 - this.anchorNanoTime);
				update(wall - ours);
				return;
			}
		}
	}

	private synchronized void update(long difference) {
		long previous = this.correction;
		if (Math.abs(difference - previous) > TOLERANCE_NANOS) {
			this.correction = difference;
			Level level = (Math.abs(difference - previous) >= LOGGED_NANOS) ? Level.INFO : Level.DEBUG;
			logger.log(level, () -> String.format(Locale.ROOT,
					"The wall clock moved by %+.3f s against the process's monotonic clock (a step, a suspended "
							+ "machine or a restore from a checkpoint); event timestamps follow it from now on",
					(difference - previous) / 1e9));
		}
	}

	private static long systemWallClock() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

}
