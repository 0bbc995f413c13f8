package dev.cloudtelemetry.instrument.context;

import io.micrometer.context.ThreadLocalAccessor;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;

/**
 * Lets Micrometer's context propagation carry the {@link CurrentSpan} across threads and through Reactor
 * chains ({@code Hooks.enableAutomaticContextPropagation()}, {@code contextCapture()},
 * {@code ContextSnapshot}). Registered with {@code ContextRegistry.getInstance()} through
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so it is loaded only when
 * context-propagation is on the class path.
 */
public final class CurrentSpanThreadLocalAccessor implements ThreadLocalAccessor<Span> {

	/** The key of the span in a Reactor {@code Context} and in the context registry. */
	public static final String KEY = ReactorSpans.KEY;

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public Span getValue() {
		return CurrentSpan.get();
	}

	@Override
	public void setValue(Span value) {
		CurrentSpan.set(value);
	}

	@Override
	public void setValue() {
		CurrentSpan.restore(null);
	}

	@Override
	public void restore(Span previousValue) {
		CurrentSpan.restore(previousValue);
	}

	@Override
	public void restore() {
		CurrentSpan.restore(null);
	}

}
