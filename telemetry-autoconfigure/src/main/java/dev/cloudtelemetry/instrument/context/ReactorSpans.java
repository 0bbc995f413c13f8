package dev.cloudtelemetry.instrument.context;

import reactor.util.context.ContextView;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;

/**
 * The span in a Reactor {@code Context}, under the same key as {@link CurrentSpanThreadLocalAccessor}, so
 * that automatic context propagation restores it as the {@link CurrentSpan} in every operator.
 */
public final class ReactorSpans {

	/** The context key. */
	public static final String KEY = "dev.cloudtelemetry.span";

	private ReactorSpans() {
	}

	/**
	 * The span of a subscription: the one in its context, else the thread's current span.
	 * @param context the subscriber's context
	 * @return the span, or {@code null}
	 */
	public static Span current(ContextView context) {
		Object span = context.getOrDefault(KEY, null);
		return (span instanceof Span found) ? found : CurrentSpan.get();
	}

}
