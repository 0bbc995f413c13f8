package dev.cloudtelemetry.autoconfigure.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;

/**
 * The current span of OpenTelemetry's context. With the OpenTelemetry Java agent attached, the agent
 * bridges the application's {@code io.opentelemetry.api} to its own context, so this is the agent's span
 * (its server span, or the span of whatever it instruments around the call).
 */
final class OpenTelemetryParent implements ExternalParent {

	@Override
	public @Nullable RemoteContext current() {
		SpanContext context = Span.current().getSpanContext();
		if (!context.isValid()) {
			return null;
		}
		return RemoteContext.fromHex(context.getTraceId(), context.getSpanId(), context.isSampled());
	}

}
