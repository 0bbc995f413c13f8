package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * {@code function_exit}, with the call's duration and, when it threw, the error.
 */
final class FunctionExitEvent extends TelemetryEvent {

	private final MethodTracer tracer;

	private final Throwable error;

	private final boolean cancelled;

	FunctionExitEvent(Span span, long timestampNanos, Severity severity, MethodTracer tracer, Throwable error,
			boolean cancelled) {
		super(timestampNanos, severity, span);
		this.tracer = tracer;
		this.error = error;
		this.cancelled = cancelled;
	}

	@Override
	public String eventType() {
		return EventTypes.FUNCTION_EXIT;
	}

	@Override
	public long durationNanos() {
		return timestampNanos() - span().startNanos();
	}

	@Override
	public Throwable error() {
		return this.error;
	}

	@Override
	public String message() {
		StringBuilder message = new StringBuilder(64).append("Function '").append(span().name()).append("' ");
		if (this.error != null) {
			message.append("failed with ").append(this.error.getClass().getSimpleName()).append(' ');
		}
		else if (this.cancelled) {
			message.append("cancelled ");
		}
		else {
			message.append("exit ");
		}
		return appendMillis(message.append('('), durationNanos()).append("ms)").toString();
	}

	static StringBuilder appendMillis(StringBuilder text, long nanos) {
		long hundredths = Math.round(nanos / 10_000.0);
		text.append(hundredths / 100).append('.');
		long fraction = hundredths % 100;
		if (fraction < 10) {
			text.append('0');
		}
		return text.append(fraction);
	}

	@Override
	public void writeAttributes(AttributeWriter attributes) {
		MethodInfo info = (MethodInfo) span().details();
		attributes.put("program_name", this.tracer.programName());
		attributes.put("code.namespace", info.namespace());
		attributes.put("code.function", info.methodName());
		if (severity() == Severity.WARN && this.error == null) {
			attributes.put("slow", true);
			attributes.put("slow.threshold_ns", this.tracer.slowThresholdNanos());
		}
		if (this.cancelled) {
			attributes.put("cancelled", true);
		}
	}

}
