package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * {@code function_entry}: holds references only; attributes are formatted on the writer thread.
 */
final class FunctionEntryEvent extends TelemetryEvent {

	private final MethodTracer tracer;

	private final String threadName;

	private final StackTraceElement caller;

	FunctionEntryEvent(Span span, Severity severity, MethodTracer tracer, String threadName,
			StackTraceElement caller) {
		super(span.startNanos(), severity, span);
		this.tracer = tracer;
		this.threadName = threadName;
		this.caller = caller;
	}

	@Override
	public String eventType() {
		return EventTypes.FUNCTION_ENTRY;
	}

	@Override
	public String message() {
		return "Function '" + span().name() + "' entry";
	}

	@Override
	public void writeAttributes(AttributeWriter attributes) {
		Span span = span();
		MethodInfo info = (MethodInfo) span.details();
		attributes.put("function.parameters", info.parameters());
		Span parent = span.parent();
		if (parent != null) {
			attributes.put("caller.function", parent.name());
		}
		if (this.caller != null) {
			attributes.put("caller.file", (this.caller.getFileName() != null) ? this.caller.getFileName()
					: this.caller.getClassName());
			attributes.put("caller.line", this.caller.getLineNumber());
		}
		attributes.put("program_name", this.tracer.programName());
		attributes.put("code.namespace", info.namespace());
		attributes.put("code.function", info.methodName());
		attributes.put("thread.name", this.threadName);
		if (parent != null) {
			attributes.put("parent_correlation_id", parent.correlationId());
		}
	}

}
