package dev.cloudtelemetry.core.context;

/**
 * One unit of traced work: a method call, an HTTP exchange, a statement. Identifiers follow W3C Trace
 * Context: a 128-bit trace id (two longs) and a 64-bit span id, none of them ever all zeros.
 * <p>
 * A span is immutable once created (only the hex form of its id is cached lazily); its events carry
 * their own timestamps.
 */
public class Span {

	private final long traceIdHigh;

	private final long traceIdLow;

	private final long spanId;

	private final long parentSpanId;

	private final Span parent;

	private final String name;

	private final String correlationPrefix;

	private final long startNanos;

	private final Object details;

	// cached on first use (the logging MDC asks for it on every change of the current span); racy but
	// idempotent, and String is safely published; one field keeps the object at 72 bytes
	private String spanIdHex;

	/**
	 * Creates a child of {@code parent}, or the root of a new trace when it is {@code null}: for subclasses
	 * that carry more than a span (a method call that is also its own entry and exit event).
	 * @param parent the local parent, or {@code null}
	 * @param name the function or operation name
	 * @param correlationPrefix prefix of the correlation id
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 * @param details what the instrumentation attaches
	 */
	protected Span(Span parent, String name, String correlationPrefix, long startNanos, Object details) {
		this(parent, null, name, correlationPrefix, startNanos, details);
	}

	/**
	 * Creates a child of {@code parent}; without one, a child of {@code outer} (the current span of another
	 * tracer, see {@link ExternalParent}), or the root of a new trace when both are {@code null}.
	 * @param parent the local parent, or {@code null}
	 * @param outer the parent outside the starter, used only when {@code parent} is {@code null}
	 * @param name the function or operation name
	 * @param correlationPrefix prefix of the correlation id
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 * @param details what the instrumentation attaches
	 */
	protected Span(Span parent, RemoteContext outer, String name, String correlationPrefix, long startNanos,
			Object details) {
		this(traceIdHigh(parent, outer), traceIdLow(parent, outer), TraceIds.randomNonZero(),
				(parent != null) ? parent.spanId : ((outer != null) ? outer.spanId() : 0), parent, name,
				correlationPrefix, startNanos, details);
	}

	Span(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, Span parent, String name,
			String correlationPrefix, long startNanos, Object details) {
		this.traceIdHigh = traceIdHigh;
		this.traceIdLow = traceIdLow;
		this.spanId = spanId;
		this.parentSpanId = parentSpanId;
		this.parent = parent;
		this.name = name;
		this.correlationPrefix = correlationPrefix;
		this.startNanos = startNanos;
		this.details = details;
	}

	private static long traceIdHigh(Span parent, RemoteContext outer) {
		if (parent != null) {
			return parent.traceIdHigh;
		}
		return (outer != null) ? outer.traceIdHigh() : TraceIds.randomNonZero();
	}

	private static long traceIdLow(Span parent, RemoteContext outer) {
		if (parent != null) {
			return parent.traceIdLow;
		}
		return (outer != null) ? outer.traceIdLow() : TraceIds.randomNonZero();
	}

	public final long traceIdHigh() {
		return this.traceIdHigh;
	}

	public final long traceIdLow() {
		return this.traceIdLow;
	}

	public final long spanId() {
		return this.spanId;
	}

	/** The parent's span id, or {@code 0} for a root span. */
	public final long parentSpanId() {
		return this.parentSpanId;
	}

	/** The local parent span, {@code null} for a root span or when the parent is remote. */
	public final Span parent() {
		return this.parent;
	}

	/** The function or operation name, such as {@code OrderService.placeOrder}. */
	public final String name() {
		return this.name;
	}

	/** When the span started, in nanoseconds since the epoch. */
	public final long startNanos() {
		return this.startNanos;
	}

	/** What the instrumentation attached to describe the span (for methods, its {@code MethodInfo}). */
	public final Object details() {
		return this.details;
	}

	/** Prefix of the correlation id, such as {@code func}. */
	public final String correlationPrefix() {
		return this.correlationPrefix;
	}

	/**
	 * The legacy correlation id, {@code <prefix>_<8 hex digits>}, derived from the span id so that
	 * entry and exit agree without storing anything.
	 * @return the correlation id
	 */
	public final String correlationId() {
		return TraceIds.correlationId(this.correlationPrefix, this.spanId);
	}

	public final String traceIdHex() {
		return TraceIds.toHex(this.traceIdHigh, this.traceIdLow);
	}

	/** The span id as 16 lowercase hex digits, computed once. */
	public final String spanIdHex() {
		String hex = this.spanIdHex;
		if (hex == null) {
			hex = TraceIds.toHex(this.spanId);
			this.spanIdHex = hex;
		}
		return hex;
	}

	@Override
	public final String toString() {
		return "Span[" + this.name + " " + traceIdHex() + "/" + spanIdHex() + "]";
	}

}
