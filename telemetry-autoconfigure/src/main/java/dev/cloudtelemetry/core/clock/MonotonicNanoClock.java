package dev.cloudtelemetry.core.clock;

import java.time.Instant;

final class MonotonicNanoClock implements NanoClock {

	static final MonotonicNanoClock INSTANCE = new MonotonicNanoClock();

	private final long anchorEpochNanos;

	private final long anchorNanoTime;

	private MonotonicNanoClock() {
		Instant now = Instant.now();
		this.anchorNanoTime = System.nanoTime();
		this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Override
	public long epochNanos() {
		return this.anchorEpochNanos + (System.nanoTime() - this.anchorNanoTime);
	}

}
