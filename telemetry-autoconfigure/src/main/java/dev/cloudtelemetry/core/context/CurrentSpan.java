package dev.cloudtelemetry.core.context;

/**
 * The span current on this thread. Instrumentation sets it for the duration of a call and restores the
 * previous one afterwards; propagation to other threads captures and restores it the same way.
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

	private static final ThreadLocal<Span> CURRENT = new ThreadLocal<>();

	private static volatile Listener listener;

	private CurrentSpan() {
	}

	/** The current span, or {@code null}. */
	public static Span get() {
		return CURRENT.get();
	}

	/**
	 * Makes {@code span} current.
	 * @param span the new current span, may be {@code null}
	 * @return the span that was current before, to pass to {@link #restore(Span)}
	 */
	public static Span set(Span span) {
		Span previous = CURRENT.get();
		CURRENT.set(span);
		Listener current = listener;
		if (current != null && previous != span) {
			current.changed(previous, span);
		}
		return previous;
	}

	/**
	 * Makes {@code span} current when the caller has just read the current span with {@link #get()}: the
	 * same as {@link #set(Span)} without looking the current span up again.
	 * @param current what {@link #get()} returned on this thread
	 * @param span the new current span, may be {@code null}
	 */
	public static void replace(Span current, Span span) {
		CURRENT.set(span);
		Listener listening = listener;
		if (listening != null && current != span) {
			listening.changed(current, span);
		}
	}

	/** Restores the span returned by {@link #set(Span)}. */
	public static void restore(Span previous) {
		Listener current = listener;
		Span replaced = (current != null) ? CURRENT.get() : null;
		// set(null) rather than remove(): remove() clears the entry's weak reference (a native call) and the
		// next set() on this thread allocates a new entry, on every outermost traced call. A null value
		// keeps nothing reachable (see benchmarks/README.md).
		CURRENT.set(previous);
		if (current != null && replaced != previous) {
			current.changed(replaced, previous);
		}
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
