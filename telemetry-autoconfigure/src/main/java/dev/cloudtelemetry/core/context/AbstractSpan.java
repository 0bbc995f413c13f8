package dev.cloudtelemetry.core.context;

import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.core.sampling.Sampling;

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

	private final LocalTrace localTrace;

	private boolean filteredOut;

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
		this(parent, remote, startNanos, null);
	}

	/**
	 * Creates a child of a local span, else of a span of another process, else the root of a new trace; a
	 * local root takes its sampling decision. Under {@link CurrentSpan#EXCLUDED} the span starts a trace of
	 * its own that is never written.
	 * @param parent the local parent, or {@code null}
	 * @param remote the caller's context when there is no local parent, or {@code null}
	 * @param startNanos when the span started, in nanoseconds since the epoch
	 * @param sampling decides for a local root, or {@code null} to write its trace whole
	 */
	protected AbstractSpan(Span parent, RemoteContext remote, long startNanos, Sampling sampling) {
		boolean excluded = parent == CurrentSpan.EXCLUDED;
		if (excluded) {
			parent = null;
			remote = null;
		}
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
		if (excluded) {
			this.localTrace = Sampling.EXCLUDED;
		}
		else if (parent != null) {
			this.localTrace = parent.localTrace();
		}
		else {
			this.localTrace = (sampling != null) ? sampling.begin(this.traceIdLow, remote) : null;
		}
	}

	AbstractSpan(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, Span parent, long startNanos) {
		this.traceIdHigh = traceIdHigh;
		this.traceIdLow = traceIdLow;
		this.spanId = spanId;
		this.parentSpanId = parentSpanId;
		this.parent = parent;
		this.startNanos = startNanos;
		this.localTrace = (parent != null) ? parent.localTrace() : null;
	}

	@Override
	public final LocalTrace localTrace() {
		return this.localTrace;
	}

	/** Whether this span is a local root: the first span of its trace in this process. */
	public final boolean isLocalRoot() {
		return this.parent == null;
	}

	@Override
	public final boolean filteredOut() {
		return this.filteredOut;
	}

	/**
	 * Marks the span as dropped by a {@code SpanFilter}, before any of its events is offered.
	 */
	protected final void dropByFilter() {
		this.filteredOut = true;
	}

	/**
	 * Whether the events of this span are to be written: its trace is still recording and no filter dropped
	 * it. The tracers ask before they build an event.
	 */
	public final boolean recording() {
		return !this.filteredOut && (this.localTrace == null || this.localTrace.recording());
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
