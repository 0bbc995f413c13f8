package dev.cloudtelemetry.core.context;

import org.jspecify.annotations.Nullable;

/**
 * The span current on this thread. Instrumentation sets it for the duration of a call and restores the
 * previous one afterwards; propagation to other threads captures and restores it the same way.
 * <p>
 * The span is held in a {@link Slot}, one per thread, kept in a thread local: a traced call looks the thread
 * local up once ({@link #slot()}) and then reads and writes a field, instead of looking it up to read the
 * current span, to replace it and to restore it.
 * <p>
 * One optional {@link Listener} hears every change of the current span (the logging MDC uses it).
 * Without a listener, {@link #set} and {@link #restore} cost one volatile read more than a bare
 * thread local.
 */
public final class CurrentSpan {

	/**
	 * Current while work that must not be traced runs (a request to an excluded path): traced methods called
	 * under it create no span, statements and outgoing calls under it are never written.
	 */
	public static final Span EXCLUDED = new ExcludedSpan();

	// the slot stays once created: remove() would clear the entry's weak reference (a native call) and the
	// next call on this thread would allocate a new entry and slot. A slot holding null keeps nothing
	// reachable.
	private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

	private static volatile Listener listener;

	private CurrentSpan() {
	}

	/** The current span, or {@code null}. */
	public static Span get() {
		Slot slot = CURRENT.get();
		return (slot != null) ? slot.span : null;
	}

	/**
	 * The calling thread's slot, created on first use: for code that reads the current span, replaces it and
	 * restores it on the same thread, as a traced call does.
	 * @return the slot, to use on this thread only
	 */
	public static Slot slot() {
		Slot slot = CURRENT.get();
		if (slot == null) {
			slot = new Slot();
			CURRENT.set(slot);
		}
		return slot;
	}

	/**
	 * Makes {@code span} current.
	 * @param span the new current span, may be {@code null}
	 * @return the span that was current before, to pass to {@link #restore(Span)}
	 */
	public static Span set(Span span) {
		Slot slot = slot();
		Span previous = slot.span;
		slot.replace(previous, span);
		return previous;
	}

	/**
	 * Makes {@code span} current when the caller has just read the current span with {@link #get()}: the
	 * same as {@link #set(Span)} without looking the current span up again.
	 * @param current what {@link #get()} returned on this thread
	 * @param span the new current span, may be {@code null}
	 */
	public static void replace(Span current, Span span) {
		slot().replace(current, span);
	}

	/** Restores the span returned by {@link #set(Span)}. */
	public static void restore(Span previous) {
		Slot slot = CURRENT.get();
		if (slot == null) {
			if (previous == null) {
				// nothing was ever current on this thread: nothing changes
				return;
			}
			slot = slot();
		}
		slot.restore(previous);
	}

	/**
	 * Installs the listener, replacing any other.
	 * @param newListener the listener
	 */
	public static synchronized void setListener(Listener newListener) {
		listener = newListener;
	}

	/**
	 * Removes the listener if it is still the one installed.
	 * @param installed the listener to remove
	 */
	public static synchronized void removeListener(Listener installed) {
		if (listener == installed) {
			listener = null;
		}
	}

	/**
	 * Where one thread's current span is kept. Used only by the thread it belongs to ({@link #slot()}).
	 */
	public static final class Slot {

		private @Nullable Span span;

		private Slot() {
		}

		/** The current span of this slot's thread, or {@code null}. */
		public @Nullable Span get() {
			return this.span;
		}

		/**
		 * Makes {@code span} current.
		 * @param current what {@link #get()} returned
		 * @param span the new current span, may be {@code null}
		 */
		public void replace(@Nullable Span current, @Nullable Span span) {
			this.span = span;
			Listener listening = listener;
			if (listening != null && current != span) {
				listening.changed(current, span);
			}
		}

		/**
		 * Makes {@code previous} current again, after a {@link #replace}.
		 * @param previous the span that was current before
		 */
		public void restore(@Nullable Span previous) {
			Span replaced = this.span;
			this.span = previous;
			Listener listening = listener;
			if (listening != null && replaced != previous) {
				listening.changed(replaced, previous);
			}
		}

	}

	/**
	 * Hears changes of the current span, on the thread that changes it. Called on every traced call:
	 * implementations must be cheap and must not throw.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * The current span changed.
		 * @param previous the span that was current, or {@code null}
		 * @param current the span now current, or {@code null}
		 */
		void changed(Span previous, Span current);

	}

}
