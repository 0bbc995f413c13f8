package dev.cloudtelemetry.autoconfigure.tracing;

import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.function.SingletonSupplier;

import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;

/**
 * The current span of Micrometer Tracing, whichever bridge it runs on (OpenTelemetry or Brave).
 */
final class MicrometerTracingParent implements ExternalParent {

	private final Supplier<@Nullable Tracer> tracer;

	/**
	 * @param tracer supplies Micrometer's tracer lazily, so that the span factory does not create it
	 */
	MicrometerTracingParent(Supplier<@Nullable Tracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * Micrometer's tracer from the bean factory, looked up on first use.
	 * @param beanFactory the application's bean factory
	 * @return the parent, which has none while the application defines no {@code Tracer}
	 */
	static ExternalParent of(BeanFactory beanFactory) {
		return new MicrometerTracingParent(SingletonSupplier.of(beanFactory.getBeanProvider(Tracer.class)::getIfAvailable));
	}

	@Override
	public @Nullable RemoteContext current() {
		Tracer current = this.tracer.get();
		Span span = (current != null) ? current.currentSpan() : null;
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		return RemoteContext.fromHex(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
	}

}
