package dev.cloudtelemetry.instrument.context;

import java.util.concurrent.Callable;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;

/**
 * Carries the current span to another thread: a task wrapped here captures the span current when it
 * is wrapped (at submit) and runs with exactly that span current, {@code null} included, restoring the
 * worker's previous span afterwards. So a pooled thread never hands one task's span to the next.
 */
public final class SpanPropagation {

	private SpanPropagation() {
	}

	/**
	 * Wraps {@code task} with the current span.
	 * @param task the task
	 * @return the wrapped task
	 */
	public static Runnable wrap(Runnable task) {
		return new PropagatingRunnable(task, CurrentSpan.get());
	}

	/**
	 * Wraps {@code task} with the current span.
	 * @param <V> the result type
	 * @param task the task
	 * @return the wrapped task
	 */
	public static <V> Callable<V> wrap(Callable<V> task) {
		Span captured = CurrentSpan.get();
		return () -> {
			Span previous = CurrentSpan.set(captured);
			try {
				return task.call();
			}
			finally {
				CurrentSpan.restore(previous);
			}
		};
	}

	private record PropagatingRunnable(Runnable task, Span captured) implements Runnable {

		@Override
		public void run() {
			Span previous = CurrentSpan.set(this.captured);
			try {
				this.task.run();
			}
			finally {
				CurrentSpan.restore(previous);
			}
		}

	}

}
