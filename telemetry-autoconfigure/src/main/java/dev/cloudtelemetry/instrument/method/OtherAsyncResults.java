package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.context.Span;

/**
 * Ends the calls of methods whose result is asynchronous but neither a {@code CompletionStage} nor a Reactor
 * {@code Mono} or {@code Flux}, which {@link MethodTracer} handles itself: a Kotlin {@code Flow}, RxJava's types and
 * the like, which an integration adapts. It ends the span when the result terminates, or now with
 * {@link MethodTracer#completeNow} when it cannot.
 */
@FunctionalInterface
public interface OtherAsyncResults {

	/** Adapts nothing: such a call ends when the method returns. */
	OtherAsyncResults NONE = (tracer, span, result) -> tracer.completeNow(span, result);

	/**
	 * @param tracer the tracer the call belongs to
	 * @param span the call's span
	 * @param result what the method returned, not {@code null}
	 * @return what to hand to the caller, of the type the method returned
	 */
	Object complete(MethodTracer tracer, Span span, Object result);

}
