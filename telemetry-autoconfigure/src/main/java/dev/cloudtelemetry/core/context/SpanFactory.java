package dev.cloudtelemetry.core.context;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.sampling.Sampling;

/**
 * Creates spans: children of a local parent, children of a remote parent (from {@code traceparent}),
 * or roots of new traces. When another tracer runs in the process ({@link ExternalParent}), a span with no
 * local parent joins that tracer's current span instead.
 */
public final class SpanFactory {

	private final NanoClock clock;

	private final ExternalParent external;

	private final Sampling sampling;

	public SpanFactory(NanoClock clock) {
		this(clock, ExternalParent.NONE);
	}

	/**
	 * @param clock the clock of span starts
	 * @param external the other tracer whose current span parents the spans that have no local parent
	 */
	public SpanFactory(NanoClock clock, ExternalParent external) {
		this(clock, external, Sampling.ALWAYS);
	}

	/**
	 * @param clock the clock of span starts
	 * @param external the other tracer whose current span parents the spans that have no local parent
	 * @param sampling decides which traces the tracers write
	 */
	public SpanFactory(NanoClock clock, ExternalParent external, Sampling sampling) {
		this.clock = clock;
		this.external = external;
		this.sampling = sampling;
	}

	/** What decides which traces the tracers that use this factory write. */
	public Sampling sampling() {
		return this.sampling;
	}

	/**
	 * Whether another tracer of the process owns the trace context (its spans parent ours, its
	 * {@code traceparent} leaves the process).
	 * @return whether an {@link ExternalParent} is installed
	 */
	public boolean followsExternalTracer() {
		return this.external != ExternalParent.NONE;
	}

	/**
	 * The other tracer's current span on this thread, for a span that has no local parent.
	 * @return its context, or {@code null} when there is none (or no other tracer, or it failed)
	 */
	public RemoteContext externalParent() {
		if (this.external == ExternalParent.NONE) {
			return null;
		}
		RemoteContext context;
		try {
			context = this.external.current();
		}
		catch (RuntimeException | LinkageError ex) {
			// another tracer's failure must not break the application's call: the span starts a trace
			return null;
		}
		// the other tracer's sampler (Spring Boot's default keeps 10 %) does not decide what the starter writes:
		// its own rate does, from the same trace id
		boolean sampled = (context != null) && this.sampling.sampledById(context.traceIdLow());
		if (context != null && context.sampled() != sampled) {
			return new RemoteContext(context.traceIdHigh(), context.traceIdLow(), context.spanId(), sampled,
					context.traceState());
		}
		return context;
	}

	public NanoClock clock() {
		return this.clock;
	}

	/**
	 * Starts a span under {@code parent}; without one, under the other tracer's current span, or as the
	 * root of a new trace.
	 */
	public Span start(Span parent, String name, String correlationPrefix, Object details) {
		long now = this.clock.epochNanos();
		if (parent == null) {
			return startRemoteChild(externalParent(), name, correlationPrefix, details, now);
		}
		return new SimpleSpan(parent.traceIdHigh(), parent.traceIdLow(), TraceIds.randomNonZero(), parent.spanId(),
				parent, name, correlationPrefix, now, details);
	}

	/**
	 * Starts a span that continues a trace begun in another process.
	 * @param remote the caller's context; {@code null} starts a new trace
	 */
	public Span startRemoteChild(RemoteContext remote, String name, String correlationPrefix, Object details) {
		RemoteContext outer = externalParent();
		return startRemoteChild((outer != null) ? outer : remote, name, correlationPrefix, details,
				this.clock.epochNanos());
	}

	private static Span startRemoteChild(RemoteContext parent, String name, String correlationPrefix, Object details,
			long now) {
		if (parent == null) {
			return new SimpleSpan(TraceIds.randomNonZero(), TraceIds.randomNonZero(), TraceIds.randomNonZero(), 0, null,
					name, correlationPrefix, now, details);
		}
		return new SimpleSpan(parent.traceIdHigh(), parent.traceIdLow(), TraceIds.randomNonZero(), parent.spanId(), null,
				name, correlationPrefix, now, details);
	}

}
