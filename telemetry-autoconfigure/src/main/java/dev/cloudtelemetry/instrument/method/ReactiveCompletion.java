package dev.cloudtelemetry.instrument.method;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.ReactorSpans;

/**
 * Ends a method's span when the {@code Mono} or {@code Flux} it returned terminates or is cancelled,
 * and makes the span the parent of what runs inside the chain (a {@code WebClient} call, a bean called
 * from an operator under automatic context propagation) by writing it into the Reactor context. Loaded
 * only when Reactor is on the class path and a method returns a Reactor type.
 */
final class ReactiveCompletion {

	private static final boolean REACTOR_PRESENT = isPresent("reactor.core.publisher.Mono");

	private ReactiveCompletion() {
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ReactiveCompletion.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	static boolean isReactive(Object result) {
		return REACTOR_PRESENT && Support.isReactive(result);
	}

	static Object onTermination(Object result, Span span, MethodTracer tracer) {
		return Support.onTermination(result, span, tracer);
	}

	/** Holds the Reactor references so that the outer class loads without Reactor. */
	private static final class Support {

		static boolean isReactive(Object result) {
			return result instanceof Mono<?> || result instanceof Flux<?>;
		}

		static Object onTermination(Object result, Span span, MethodTracer tracer) {
			AtomicReference<Throwable> error = new AtomicReference<>();
			AtomicBoolean ended = new AtomicBoolean();
			if (result instanceof Mono<?> mono) {
				return mono.contextWrite((context) -> context.put(ReactorSpans.KEY, span))
					.doOnError(error::set)
					.doFinally((signal) -> end(span, tracer, error, ended, signal));
			}
			return ((Flux<?>) result).contextWrite((context) -> context.put(ReactorSpans.KEY, span))
				.doOnError(error::set)
				.doFinally((signal) -> end(span, tracer, error, ended, signal));
		}

		private static void end(Span span, MethodTracer tracer, AtomicReference<Throwable> error,
				AtomicBoolean ended, SignalType signal) {
			if (ended.compareAndSet(false, true)) {
				tracer.exit(span, error.get(), signal == SignalType.CANCEL);
			}
		}

	}

}
