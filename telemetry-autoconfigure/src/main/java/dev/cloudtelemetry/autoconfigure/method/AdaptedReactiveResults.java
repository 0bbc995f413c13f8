package dev.cloudtelemetry.autoconfigure.method;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.instrument.method.OtherAsyncResults;

/**
 * Asynchronous results that are not Reactor's own — a Kotlin {@code Flow} or {@code Deferred}, RxJava's and
 * Mutiny's types, a {@code java.util.concurrent.Flow.Publisher} — ended when they terminate like a {@code Mono}
 * or {@code Flux}: Spring's {@link ReactiveAdapterRegistry}, which WebFlux uses for the same types, turns the
 * result into a Reactor type, the {@link MethodTracer} decorates that, and the adapter turns it back into the
 * method's own type for the caller. Without Reactor on the class path nothing is adapted (and Spring registers no
 * adapter for most of these types then either).
 */
final class AdaptedReactiveResults {

	private static final System.Logger logger = System.getLogger(AdaptedReactiveResults.class.getName());

	/** The types whose adapter failed, each reported once. */
	private static final Set<Class<?>> failedTypes = ConcurrentHashMap.newKeySet();

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			AdaptedReactiveResults.class.getClassLoader());

	private AdaptedReactiveResults() {
	}

	/**
	 * Whether a method's declared return type is one that the registry adapts (a {@code CompletionStage} is
	 * handled before this is asked).
	 * @param returnType the method's return type
	 * @return whether its results are adapted
	 */
	static boolean isAdapted(Class<?> returnType) {
		return REACTOR_PRESENT && Support.adapter(returnType, null) != null;
	}

	/**
	 * What the {@link MethodTracer} is given for results that are not Reactor's.
	 * @return the adapting completion, or {@link OtherAsyncResults#NONE} without Reactor
	 */
	static OtherAsyncResults completion() {
		return REACTOR_PRESENT ? Support::complete : OtherAsyncResults.NONE;
	}

	/** Holds the Reactor references so that the outer class loads without Reactor. */
	private static final class Support {

		static @Nullable ReactiveAdapter adapter(Class<?> type, @Nullable Object result) {
			return ReactiveAdapterRegistry.getSharedInstance().getAdapter(type, result);
		}

		/** Called by the tracer for results that are not a {@code Mono} or {@code Flux}. */
		static Object complete(MethodTracer tracer, Span span, Object result) {
			ReactiveAdapter adapter = adapter(result.getClass(), result);
			if (adapter == null) {
				// a Publisher of a kind Spring does not know: the call ends now, as for any other value
				return tracer.completeNow(span, result);
			}
			Object reactor;
			try {
				Publisher<?> publisher = adapter.toPublisher(result);
				reactor = adapter.isMultiValue() ? Flux.from(publisher) : Mono.from(publisher);
			}
			catch (RuntimeException ex) {
				failed(adapter, ex);
				return tracer.completeNow(span, result);
			}
			Object decorated = tracer.complete(span, reactor);
			try {
				return adapter.fromPublisher((Publisher<?>) decorated);
			}
			catch (RuntimeException ex) {
				failed(adapter, ex);
				// the decorated chain is dropped unsubscribed: the call ends now, once, and the caller gets its result
				tracer.exit(span, null);
				return result;
			}
		}

		/** A telemetry failure never reaches the application: its own result is returned, the call ends now. */
		private static void failed(ReactiveAdapter adapter, RuntimeException ex) {
			Class<?> type = adapter.getReactiveType();
			if (failedTypes.add(type)) {
				logger.log(Level.WARNING, "Adapting a result of type " + type.getName()
						+ " to Reactor failed; calls returning it end when they return", ex);
			}
		}

	}

}
