package dev.cloudtelemetry.core.context;

import dev.cloudtelemetry.core.sampling.LocalTrace;

/**
 * One unit of traced work: a method call, an HTTP exchange, a statement. Identifiers follow W3C Trace
 * Context: a 128-bit trace id (two longs) and a 64-bit span id, none of them ever all zeros.
 * <p>
 * A span is immutable once created; its events carry their own timestamps. How a span stores what it
 * describes is up to the subclass: {@link AbstractSpan} keeps every identifier in a field, while a traced
 * method call keeps only what it cannot derive, so that the object a call allocates stays small.
 */
public abstract class Span {

	protected Span() {
	}

	/** Upper 64 bits of the trace id. */
	public abstract long traceIdHigh();

	/** Lower 64 bits of the trace id. */
	public abstract long traceIdLow();

	public abstract long spanId();

	/** The parent's span id, or {@code 0} for a root span. */
	public abstract long parentSpanId();

	/** The local parent span, {@code null} for a root span or when the parent is remote. */
	public abstract Span parent();

	/** The function or operation name, such as {@code OrderService.placeOrder}. */
	public abstract String name();

	/** When the span started, in nanoseconds since the epoch. */
	public abstract long startNanos();

	/** What the instrumentation attached to describe the span (for methods, its {@code MethodInfo}). */
	public abstract Object details();

	/** Prefix of the correlation id, such as {@code func}. */
	public abstract String correlationPrefix();

	/**
	 * The local trace this span belongs to: what sampling decided for it and its span budget.
	 * @return the local trace, or {@code null} when the span's trace is written whole without any state
	 */
	public LocalTrace localTrace() {
		Span parent = parent();
		return (parent != null) ? parent.localTrace() : null;
	}

	/** Whether the span's trace is sampled: the flag its outgoing {@code traceparent} carries. */
	public boolean sampled() {
		LocalTrace trace = localTrace();
		return trace == null || trace.sampled();
	}

	/** Whether a {@code SpanFilter} dropped this span (its children follow unless a filter keeps them). */
	public boolean filteredOut() {
		return false;
	}

	/**
	 * The legacy correlation id, {@code <prefix>_<8 hex digits>}, derived from the span id so that
	 * entry and exit agree without storing anything.
	 * @return the correlation id
	 */
	public final String correlationId() {
		return TraceIds.correlationId(correlationPrefix(), spanId());
	}

	public final String traceIdHex() {
		return TraceIds.toHex(traceIdHigh(), traceIdLow());
	}

	/** The span id as 16 lowercase hex digits. */
	public String spanIdHex() {
		return TraceIds.toHex(spanId());
	}

	@Override
	public final String toString() {
		return "Span[" + name() + " " + traceIdHex() + "/" + spanIdHex() + "]";
	}

}
