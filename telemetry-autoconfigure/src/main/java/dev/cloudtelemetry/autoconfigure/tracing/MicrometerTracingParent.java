package dev.cloudtelemetry.autoconfigure.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;

/**
 * The current span of Micrometer Tracing, whichever bridge it runs on (OpenTelemetry or Brave). The tracer
 * is looked up once the application's singletons exist ({@link #resolve}): a span started earlier (a
 * statement of the schema initialisation) neither creates it early nor waits for it.
 */
final class MicrometerTracingParent implements ExternalParent {

	private volatile @Nullable Tracer tracer;

	/**
	 * Looks Micrometer's tracer up.
	 * @param beanFactory the application's bean factory
	 */
	void resolve(BeanFactory beanFactory) {
		this.tracer = beanFactory.getBeanProvider(Tracer.class).getIfAvailable();
	}

	@Override
	public @Nullable RemoteContext current() {
		Tracer current = this.tracer;
		Span span = (current != null) ? current.currentSpan() : null;
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		return RemoteContext.fromHex(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
	}

}
