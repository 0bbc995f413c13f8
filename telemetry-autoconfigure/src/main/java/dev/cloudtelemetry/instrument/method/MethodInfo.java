package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.event.Severity;

/**
 * What is known about a traced method before it is called, computed once per method and bean type.
 *
 * @param functionName the readable name, {@code OrderService.placeOrder}
 * @param namespace the fully qualified name of the type the call was made on
 * @param methodName the method name
 * @param parameters parameter names joined with {@code ", "}, never values
 * @param severity severity of entry and normal exit
 * @param returnKind how the method's result completes
 * @param capture which argument and return values are written, or {@code null} when none is
 */
public record MethodInfo(String functionName, String namespace, String methodName, String parameters,
		Severity severity, ReturnKind returnKind, ArgumentCapture capture) {

	/**
	 * A method whose values are not written.
	 */
	public MethodInfo(String functionName, String namespace, String methodName, String parameters,
			Severity severity, ReturnKind returnKind) {
		this(functionName, namespace, methodName, parameters, severity, returnKind, null);
	}

	/**
	 * How a method's result completes.
	 */
	public enum ReturnKind {

		/** The call is over when the method returns. */
		SYNCHRONOUS,

		/** A {@code CompletionStage}: the call is over when the stage completes. */
		COMPLETION_STAGE,

		/** A Reactor {@code Mono} or {@code Flux}: the call is over when it terminates or is cancelled. */
		REACTIVE

	}

}
