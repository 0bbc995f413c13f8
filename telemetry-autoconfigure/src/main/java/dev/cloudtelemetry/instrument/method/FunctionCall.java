package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * One call of a traced method: its span, and both its events. It is submitted to the sink twice, at entry
 * and at exit, and written as {@code function_entry} the first time and {@code function_exit} the second:
 * one object per call instead of three keeps the caller's allocation at the size of this object.
 * <p>
 * Threading: the entry fields are final. The exit fields are set by the calling thread before the second
 * submission, which the queue publishes to the writer thread. {@code exitNext} is read and written only
 * by the thread that encodes (the writer thread, or the caller after shutdown). {@code flags} are written by
 * the calling thread only; the entry-skipped bit is set only when the entry was never submitted, before
 * the exit is, and no later write changes it.
 */
final class FunctionCall extends Span implements TelemetryEvent {

	private final MethodTracer tracer;

	private final String threadName;

	private final StackTraceElement caller;

	private long exitNanos;

	private Severity exitSeverity;

	private Throwable error;

	/**
	 * Bits written only by the calling thread; one byte, so that the object stays at 104 bytes (measured in
	 * {@code TracedCallBenchmark}).
	 */
	private byte flags;

	/** Written only by the thread that encodes. */
	private boolean exitNext;

	private static final byte ENTRY_SKIPPED = 1;

	private static final byte EXITED = 2;

	private static final byte CANCELLED = 4;

	private static final byte SLOW = 8;

	FunctionCall(Span parent, RemoteContext outer, MethodInfo info, long startNanos, MethodTracer tracer,
			String threadName, StackTraceElement caller) {
		super(parent, outer, info.functionName(), "func", startNanos, info);
		this.tracer = tracer;
		this.threadName = threadName;
		this.caller = caller;
	}

	MethodInfo info() {
		return (MethodInfo) details();
	}

	void entrySkipped() {
		this.flags |= ENTRY_SKIPPED;
	}

	private boolean is(byte flag) {
		return (this.flags & flag) != 0;
	}

	/**
	 * Records the exit, once: a second exit of the same call (an instrumentation bug) would otherwise be
	 * written as a third event.
	 * @return whether this was the first exit
	 */
	boolean exited(long exitNanos, Severity severity, Throwable error, boolean cancelled, boolean slow) {
		if (is(EXITED)) {
			return false;
		}
		this.exitNanos = exitNanos;
		this.exitSeverity = severity;
		this.error = error;
		this.flags |= (byte) (EXITED | (cancelled ? CANCELLED : 0) | (slow ? SLOW : 0));
		return true;
	}

	private boolean encodingExit() {
		return this.exitNext || is(ENTRY_SKIPPED);
	}

	@Override
	public void afterEncoding() {
		this.exitNext = !encodingExit();
	}

	@Override
	public Span span() {
		return this;
	}

	@Override
	public String eventType() {
		return encodingExit() ? EventTypes.FUNCTION_EXIT : EventTypes.FUNCTION_ENTRY;
	}

	@Override
	public long timestampNanos() {
		return encodingExit() ? this.exitNanos : startNanos();
	}

	@Override
	public Severity severity() {
		return encodingExit() ? this.exitSeverity : info().severity();
	}

	@Override
	public long durationNanos() {
		return encodingExit() ? this.exitNanos - startNanos() : -1;
	}

	@Override
	public Throwable error() {
		return encodingExit() ? this.error : null;
	}

	@Override
	public String message() {
		if (!encodingExit()) {
			return "Function '" + name() + "' entry";
		}
		StringBuilder message = new StringBuilder(64).append("Function '").append(name()).append("' ");
		if (this.error != null) {
			message.append("failed with ").append(this.error.getClass().getSimpleName()).append(' ');
		}
		else if (is(CANCELLED)) {
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
		if (encodingExit()) {
			writeExitAttributes(attributes);
		}
		else {
			writeEntryAttributes(attributes);
		}
	}

	private void writeEntryAttributes(AttributeWriter attributes) {
		MethodInfo info = info();
		attributes.put("function.parameters", info.parameters());
		Span parent = parent();
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

	private void writeExitAttributes(AttributeWriter attributes) {
		MethodInfo info = info();
		attributes.put("program_name", this.tracer.programName());
		attributes.put("code.namespace", info.namespace());
		attributes.put("code.function", info.methodName());
		if (is(SLOW)) {
			attributes.put("slow", true);
			attributes.put("slow.threshold_ns", this.tracer.slowThresholdNanos());
		}
		if (is(CANCELLED)) {
			attributes.put("cancelled", true);
		}
	}

}
