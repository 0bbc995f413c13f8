package dev.cloudtelemetry.core.context;

import dev.cloudtelemetry.core.clock.NanoClock;

/**
 * Creates spans: children of a local parent, children of a remote parent (from {@code traceparent}),
 * or roots of new traces.
 */
public final class SpanFactory {

	private final NanoClock clock;

	public SpanFactory(NanoClock clock) {
		this.clock = clock;
	}

	public NanoClock clock() {
		return this.clock;
	}

	/**
	 * Starts a span under {@code parent}, or a new trace when it is {@code null}.
	 */
	public Span start(Span parent, String name, String correlationPrefix, Object details) {
		long now = this.clock.epochNanos();
		if (parent == null) {
			return new SimpleSpan(TraceIds.randomNonZero(), TraceIds.randomNonZero(), TraceIds.randomNonZero(), 0, null,
					name, correlationPrefix, now, details);
		}
		return new SimpleSpan(parent.traceIdHigh(), parent.traceIdLow(), TraceIds.randomNonZero(), parent.spanId(),
				parent, name, correlationPrefix, now, details);
	}

	/**
	 * Starts a span that continues a trace begun in another process.
	 * @param remote the caller's context; {@code null} starts a new trace
	 */
	public Span startRemoteChild(RemoteContext remote, String name, String correlationPrefix, Object details) {
		if (remote == null) {
			return start(null, name, correlationPrefix, details);
		}
		return new SimpleSpan(remote.traceIdHigh(), remote.traceIdLow(), TraceIds.randomNonZero(), remote.spanId(), null,
				name, correlationPrefix, this.clock.epochNanos(), details);
	}

}
