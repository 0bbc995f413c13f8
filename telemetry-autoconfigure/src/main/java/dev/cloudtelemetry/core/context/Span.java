package dev.cloudtelemetry.core.context;

/**
 * One unit of traced work: a method call, an HTTP exchange, a statement. Identifiers follow W3C Trace
 * Context: a 128-bit trace id (two longs) and a 64-bit span id, none of them ever all zeros.
 * <p>
 * A span is immutable once created (only the hex form of its id is cached lazily); its events carry
 * their own timestamps.
 */
public final class Span {

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

	public long traceIdHigh() {
		return this.traceIdHigh;
	}

	public long traceIdLow() {
		return this.traceIdLow;
	}

	public long spanId() {
		return this.spanId;
	}

	/** The parent's span id, or {@code 0} for a root span. */
	public long parentSpanId() {
		return this.parentSpanId;
	}

	/** The local parent span, {@code null} for a root span or when the parent is remote. */
	public Span parent() {
		return this.parent;
	}

	/** The function or operation name, such as {@code OrderService.placeOrder}. */
	public String name() {
		return this.name;
	}

	/** When the span started, in nanoseconds since the epoch. */
	public long startNanos() {
		return this.startNanos;
	}

	/** What the instrumentation attached to describe the span (for methods, its {@code MethodInfo}). */
	public Object details() {
		return this.details;
	}

	/** Prefix of the correlation id, such as {@code func}. */
	public String correlationPrefix() {
		return this.correlationPrefix;
	}

	/**
	 * The legacy correlation id, {@code <prefix>_<8 hex digits>}, derived from the span id so that
	 * entry and exit agree without storing anything.
	 * @return the correlation id
	 */
	public String correlationId() {
		return TraceIds.correlationId(this.correlationPrefix, this.spanId);
	}

	public String traceIdHex() {
		return TraceIds.toHex(this.traceIdHigh, this.traceIdLow);
	}

	/** The span id as 16 lowercase hex digits, computed once. */
	public String spanIdHex() {
		String hex = this.spanIdHex;
		if (hex == null) {
			hex = TraceIds.toHex(this.spanId);
			this.spanIdHex = hex;
		}
		return hex;
	}

	@Override
	public String toString() {
		return "Span[" + this.name + " " + traceIdHex() + "/" + spanIdHex() + "]";
	}

}
