package dev.cloudtelemetry.instrument.method;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.EndingSubscriber;
import dev.cloudtelemetry.instrument.context.ReactorSpans;

/**
 * Ends a method's span when the {@code Mono} or {@code Flux} it returned terminates or is cancelled,
 * and makes the span the parent of what runs inside the chain (a {@code WebClient} call, a bean called
 * from an operator under automatic context propagation) by writing it into the Reactor context. Loaded
 * only when Reactor is on the class path and a method returns a Reactor type.
 * <p>
 * The span ends when the terminal signal (a {@code Mono}'s value or completion, a {@code Flux}'s completion,
 * an error, or the cancellation) passes through, before it travels on: a call whose result another traced
 * call returned or composed (a service's {@code Flux} returned by its controller) ends before the call
 * around it, as nested synchronous calls do.
 * <p>
 * The decoration is one operator and one subscriber per subscription, which does what a
 * {@code contextWrite} and three peeking operators would do for a fraction of their allocation (under
 * automatic context propagation a {@code contextWrite} stays, for the thread locals it sets). Like any
 * operator that is not {@code Fuseable}, it ends operator fusion across itself; the signals do not change.
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
			// Under automatic context propagation Reactor's own contextWrite also sets the thread locals of
			// what it writes (the current span among them) while it subscribes and requests, which operators
			// that hop threads (publishOn) capture: the span goes in through it there.
			boolean automatic = Hooks.isAutomaticContextPropagationEnabled();
			if (result instanceof Mono<?> mono) {
				return automatic ? TracedMono.of(mono.contextWrite(withSpan(span)), span, tracer, false)
						: TracedMono.of(mono, span, tracer, true);
			}
			Flux<?> flux = (Flux<?>) result;
			return automatic ? TracedFlux.of(flux.contextWrite(withSpan(span)), span, tracer, false)
					: TracedFlux.of(flux, span, tracer, true);
		}

		private static Function<Context, Context> withSpan(Span span) {
			return (context) -> context.put(ReactorSpans.KEY, span);
		}

	}

	/**
	 * The end of one call, shared by every subscription to its result: the first terminal signal or
	 * cancellation of any of them ends the span, once.
	 */
	private static final class CallEnd {

		private static final AtomicIntegerFieldUpdater<CallEnd> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(CallEnd.class, "ended");

		final Span span;

		private final MethodTracer tracer;

		private final boolean carriesSpan;

		private volatile int ended;

		CallEnd(Span span, MethodTracer tracer, boolean carriesSpan) {
			this.span = span;
			this.tracer = tracer;
			this.carriesSpan = carriesSpan;
		}

		Context context(Context downstream) {
			return this.carriesSpan ? downstream.put(ReactorSpans.KEY, this.span) : downstream;
		}

		void end(@Nullable Throwable error, boolean cancelled) {
			if (this.ended == 0 && ENDED.compareAndSet(this, 0, 1)) {
				this.tracer.exit(this.span, error, cancelled);
			}
		}

	}

	private static final class TracedMono<T> extends MonoOperator<T, T> {

		private final CallEnd end;

		private TracedMono(Mono<? extends T> source, CallEnd end) {
			super(source);
			this.end = end;
		}

		/** The operator, through Reactor's assembly hooks (as its own operators are). */
		static <T> Mono<T> of(Mono<T> source, Span span, MethodTracer tracer, boolean carriesSpan) {
			return onAssembly(new TracedMono<>(source, new CallEnd(span, tracer, carriesSpan)));
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new CallSubscriber<>(actual, this.end, true));
		}

	}

	private static final class TracedFlux<T> extends FluxOperator<T, T> {

		private final CallEnd end;

		private TracedFlux(Flux<? extends T> source, CallEnd end) {
			super(source);
			this.end = end;
		}

		/** The operator, through Reactor's assembly hooks (as its own operators are). */
		static <T> Flux<T> of(Flux<T> source, Span span, MethodTracer tracer, boolean carriesSpan) {
			return onAssembly(new TracedFlux<>(source, new CallEnd(span, tracer, carriesSpan)));
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new CallSubscriber<>(actual, this.end, false));
		}

	}

	/**
	 * Ends the call first on the terminal signal (for a {@code Mono}, on its value); carries the span in its
	 * context.
	 */
	private static final class CallSubscriber<T> extends EndingSubscriber<T> {

		private final CallEnd end;

		private final boolean endOnValue;

		CallSubscriber(CoreSubscriber<? super T> actual, CallEnd end, boolean endOnValue) {
			super(actual, end.context(actual.currentContext()));
			this.end = end;
			this.endOnValue = endOnValue;
		}

		@Override
		public void onNext(T value) {
			if (this.endOnValue) {
				this.end.end(null, false);
			}
			super.onNext(value);
		}

		@Override
		protected void ended(@Nullable Throwable error, boolean cancelled) {
			this.end.end(error, cancelled);
		}

	}

}
