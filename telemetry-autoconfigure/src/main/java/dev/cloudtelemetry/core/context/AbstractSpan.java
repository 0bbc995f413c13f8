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
		this((parent != null) ? parent.traceIdHigh() : TraceIds.randomNonZero(),
				(parent != null) ? parent.traceIdLow() : TraceIds.randomNonZero(), TraceIds.randomNonZero(),
				(parent != null) ? parent.spanId() : 0, parent, startNanos);
	}

	/**
	 * Creates a child of a span of another process, or the root of a new trace.
	 * @param remote the caller's context, or {@code null} to start a new trace
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 */
	protected AbstractSpan(RemoteContext remote, long startNanos) {
		this((remote != null) ? remote.traceIdHigh() : TraceIds.randomNonZero(),
				(remote != null) ? remote.traceIdLow() : TraceIds.randomNonZero(), TraceIds.randomNonZero(),
				(remote != null) ? remote.spanId() : 0, null, startNanos);
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
