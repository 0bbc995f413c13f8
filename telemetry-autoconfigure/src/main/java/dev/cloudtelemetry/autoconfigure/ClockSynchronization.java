package dev.cloudtelemetry.autoconfigure;

import org.springframework.context.SmartLifecycle;

import dev.cloudtelemetry.core.clock.NanoClock;

/**
 * Compares the telemetry clock with the wall clock whenever the context's lifecycle starts: at start-up, and
 * after a restore from a checkpoint (CRaC, AWS Lambda SnapStart), when Spring starts again what it stopped
 * for the checkpoint. The writer compares them once a second while events flow; this makes the first events
 * after a restore, possibly days after the checkpoint, carry the time they happened. Started before every
 * other lifecycle bean, so before the web server takes a request.
 */
final class ClockSynchronization implements SmartLifecycle {

	private final NanoClock clock;

	private volatile boolean running;

	ClockSynchronization(NanoClock clock) {
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = true;
		try {
			this.clock.synchronize();
		}
		catch (RuntimeException ex) {
			// an application's clock that fails must not stop the context from starting: the writer tries again
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
