package dev.cloudtelemetry.core.context;

/**
 * A span that keeps its identifiers, its local parent and its start in fields: the base of the spans that
 * instrumentation creates for HTTP exchanges and statements, which add what describes them.
 */
public abstract class AbstractSpan extends Span {

	private final long traceIdHigh;

	private final long traceIdLow;

	private final long spanId;

	private final long parentSpanId;

	private final Span parent;

	private final long startNanos;

	/**
	 * Creates a child of a local span, or the root of a new trace.
	 * @param parent the local parent, or {@code null} to start a new trace
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 */
	protected AbstractSpan(Span parent, long startNanos) {
		this(parent, null, startNanos);
	}

	/**
	 * Creates a child of a local span, else of a span of another process, else the root of a new trace.
	 * @param parent the local parent, or {@code null}
	 * @param remote the caller's context when there is no local parent, or {@code null}
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 */
	protected AbstractSpan(Span parent, RemoteContext remote, long startNanos) {
		if (parent != null) {
			this.traceIdHigh = parent.traceIdHigh();
			this.traceIdLow = parent.traceIdLow();
			this.parentSpanId = parent.spanId();
		}
		else if (remote != null) {
			this.traceIdHigh = remote.traceIdHigh();
			this.traceIdLow = remote.traceIdLow();
			this.parentSpanId = remote.spanId();
		}
		else {
			this.traceIdHigh = TraceIds.randomNonZero();
			this.traceIdLow = TraceIds.randomNonZero();
			this.parentSpanId = 0;
		}
		this.spanId = TraceIds.randomNonZero();
		this.parent = parent;
		this.startNanos = startNanos;
	}

	AbstractSpan(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, Span parent, long startNanos) {
		this.traceIdHigh = traceIdHigh;
		this.traceIdLow = traceIdLow;
		this.spanId = spanId;
		this.parentSpanId = parentSpanId;
		this.parent = parent;
		this.startNanos = startNanos;
	}

	@Override
	public final long traceIdHigh() {
		return this.traceIdHigh;
	}

	@Override
	public final long traceIdLow() {
		return this.traceIdLow;
	}

	@Override
	public final long spanId() {
		return this.spanId;
	}

	@Override
	public final long parentSpanId() {
		return this.parentSpanId;
	}

	@Override
	public final Span parent() {
		return this.parent;
	}

	@Override
	public final long startNanos() {
		return this.startNanos;
	}

}
