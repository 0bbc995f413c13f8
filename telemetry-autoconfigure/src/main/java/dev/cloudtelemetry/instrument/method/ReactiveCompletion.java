package dev.cloudtelemetry.instrument.method;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.ReactorSpans;

/**
 * Ends a method's span when the {@code Mono} or {@code Flux} it returned terminates or is cancelled,
 * and makes the span the parent of what runs inside the chain (a {@code WebClient} call, a bean called
 * from an operator under automatic context propagation) by writing it into the Reactor context. Loaded
 * only when Reactor is on the class path and a method returns a Reactor type.
 * <p>
 * The span ends when the terminal signal (or the cancellation) passes through, before it travels on: a call
 * whose result another traced call returned or composed (a service's {@code Flux} returned by its controller)
 * ends before the call around it, as nested synchronous calls do.
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
			AtomicBoolean ended = new AtomicBoolean();
			if (result instanceof Mono<?> mono) {
				return mono.contextWrite((context) -> context.put(ReactorSpans.KEY, span))
					.doOnSuccess((value) -> end(span, tracer, ended, null, false))
					.doOnError((error) -> end(span, tracer, ended, error, false))
					.doOnCancel(() -> end(span, tracer, ended, null, true));
			}
			return ((Flux<?>) result).contextWrite((context) -> context.put(ReactorSpans.KEY, span))
				.doOnComplete(() -> end(span, tracer, ended, null, false))
				.doOnError((error) -> end(span, tracer, ended, error, false))
				.doOnCancel(() -> end(span, tracer, ended, null, true));
		}

		private static void end(Span span, MethodTracer tracer, AtomicBoolean ended, @Nullable Throwable error,
				boolean cancelled) {
			if (ended.compareAndSet(false, true)) {
				tracer.exit(span, error, cancelled);
			}
		}

	}

}
