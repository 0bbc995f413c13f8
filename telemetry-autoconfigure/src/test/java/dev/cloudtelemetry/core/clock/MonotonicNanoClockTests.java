package dev.cloudtelemetry.core.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The system clock follows the wall clock when it is stepped: a wall clock given to the clock (the system's
 * cannot be stepped by a test without stepping the machine's) moves, and the correction follows; the clock's
 * own time stays monotonic.
 */
class MonotonicNanoClockTests {

	private static final long DAY = Duration.ofDays(1).toNanos();

	/** The real wall clock plus an offset the test moves. */
	private final AtomicLong offset = new AtomicLong();

	private final NanoClock clock = NanoClock.following(() -> wallNow() + this.offset.get());

	@Test
	void startsAtTheWallClockWithNoCorrection() {
		assertThat(this.clock.epochNanos()).isCloseTo(wallNow(), within(Duration.ofMillis(50).toNanos()));
		this.clock.synchronize();
		assertThat(this.clock.correctionNanos()).isZero();
	}

	@Test
	void aWallClockThreeDaysAheadIsFollowedAfterSynchronizing() {
		long before = this.clock.epochNanos();
		this.offset.set(3 * DAY);
		assertThat(this.clock.correctionNanos()).as("changes only in synchronize()").isZero();
		this.clock.synchronize();
		assertThat(this.clock.correctionNanos()).isCloseTo(3 * DAY, within(MonotonicNanoClock.TOLERANCE_NANOS));
		long after = this.clock.epochNanos();
		assertThat(after - before).as("the clock's own time does not jump").isBetween(0L, Duration.ofSeconds(5).toNanos());
		assertThat(after + this.clock.correctionNanos()).isCloseTo(wallNow() + 3 * DAY,
				within(Duration.ofMillis(50).toNanos()));
	}

	@Test
	void aWallClockSteppedBackIsFollowedToo() {
		this.offset.set(-10_000_000_000L);
		this.clock.synchronize();
		assertThat(this.clock.correctionNanos()).isCloseTo(-10_000_000_000L, within(MonotonicNanoClock.TOLERANCE_NANOS));
		this.offset.set(0);
		this.clock.synchronize();
		assertThat(Math.abs(this.clock.correctionNanos())).isLessThanOrEqualTo(MonotonicNanoClock.TOLERANCE_NANOS);
	}

	@Test
	void differencesUnderAMillisecondAreLeftAlone() {
		this.offset.set(MonotonicNanoClock.TOLERANCE_NANOS / 2);
		this.clock.synchronize();
		assertThat(this.clock.correctionNanos()).isZero();
		this.offset.set(MonotonicNanoClock.TOLERANCE_NANOS * 3);
		this.clock.synchronize();
		assertThat(this.clock.correctionNanos()).isCloseTo(MonotonicNanoClock.TOLERANCE_NANOS * 3,
				within(MonotonicNanoClock.TOLERANCE_NANOS));
	}

	@Test
	void aComparisonInterruptedByTheSchedulerIsNotTrusted() {
		// each read of the wall clock takes 5 ms: its time lies somewhere in those 5 ms, too vague to correct by
		NanoClock slow = NanoClock.following(() -> {
			long now = wallNow();
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
			return now;
		});
		for (int i = 0; i < 5; i++) {
			slow.synchronize();
			assertThat(slow.correctionNanos()).isZero();
		}
	}

	@Test
	void aTimeSourceThatFailsLeavesTheCorrectionAsItIs() {
		AtomicBoolean down = new AtomicBoolean();
		NanoClock failing = NanoClock.following(() -> {
			if (down.get()) {
				throw new IllegalStateException("time service unavailable");
			}
			return wallNow();
		});
		down.set(true);
		failing.synchronize();
		assertThat(failing.correctionNanos()).isZero();
		assertThat(failing.epochNanos()).isCloseTo(wallNow(), within(Duration.ofMillis(50).toNanos()));
	}

	@Test
	void theSystemClockAgreesWithTheWallClock() {
		NanoClock system = NanoClock.system();
		system.synchronize();
		// the correction itself may be anything: the JVM-wide clock started with this JVM, and a machine whose wall
		// clock stepped since (a virtual machine paused and resumed, NTP) has one (9.65 s once in CI); what holds
		// either way is that the corrected time is the wall clock's
		assertThat(system.epochNanos() + system.correctionNanos()).isCloseTo(wallNow(),
				within(Duration.ofMillis(50).toNanos()));
	}

	private static long wallNow() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

}
