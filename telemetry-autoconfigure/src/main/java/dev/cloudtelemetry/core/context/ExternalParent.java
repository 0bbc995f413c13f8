package dev.cloudtelemetry.core.context;

/**
 * The span that another tracer in the same process (Micrometer Tracing, the OpenTelemetry Java agent)
 * holds current on the calling thread. A span of the starter that has no parent of its own becomes a child
 * of that span, so that both tracers write one trace.
 * <p>
 * Asked only when a span would otherwise start a trace or continue an incoming {@code traceparent}: once
 * per request, scheduled run or statement outside any traced call, never for nested calls. Implementations
 * must be cheap and return {@code null} when the other tracer has no current span; what they throw is
 * treated as "no current span".
 */
@FunctionalInterface
public interface ExternalParent {

	/** No other tracer: spans without a parent start new traces. */
	ExternalParent NONE = () -> null;

	/**
	 * The other tracer's current span on this thread.
	 * @return its context, or {@code null} when it has none
	 */
	RemoteContext current();

}
