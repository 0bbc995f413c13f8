package dev.cloudtelemetry.core.context;

/**
 * The span current on this thread. Instrumentation sets it for the duration of a call and restores the
 * previous one afterwards; propagation to other threads captures and restores it the same way.
 */
public final class CurrentSpan {

	private static final ThreadLocal<Span> CURRENT = new ThreadLocal<>();

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
		return previous;
	}

	/** Restores the span returned by {@link #set(Span)}. */
	public static void restore(Span previous) {
		// set(null) rather than remove(): remove() clears the entry's weak reference (a native call) and the
		// next set() on this thread allocates a new entry, on every outermost traced call. A null value
		// keeps nothing reachable (see benchmarks/README.md).
		CURRENT.set(previous);
	}

}
