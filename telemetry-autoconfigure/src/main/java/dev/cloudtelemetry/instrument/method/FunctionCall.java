package dev.cloudtelemetry.instrument.method;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.TraceIds;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * One call of a traced method: its span, and both its events. It is submitted to the sink twice, at entry
 * and at exit, and written as {@code function_entry} the first time and {@code function_exit} the second:
 * one object per call instead of three keeps the caller's allocation at the size of this object.
 * <p>
 * The object keeps only what cannot be derived, so that it stays at 64 bytes (measured in
 * {@code TracedCallBenchmark}): the name, namespace and parameters come from the {@link MethodInfo}; the
 * exit's severity and the {@code slow} flag are computed when the exit is encoded; a child keeps its parent
 * (whose trace it shares) and its span id; a root keeps its random trace id, and its span id is derived from
 * it ({@link TraceIds#derivedSpanId}). The caller's location and the error share one field.
 * <p>
 * Threading: the entry fields are final. The exit fields are set by the calling thread before the second
 * submission, which the queue publishes to the writer thread. {@code exitNext} is read and written only
 * by the thread that encodes (the writer thread, or the caller after shutdown). {@code flags} are written by
 * the calling thread only; the entry-skipped bit is set only when the entry was never submitted, before
 * the exit is, and no later write changes it.
 */
abstract sealed class FunctionCall extends Span implements TelemetryEvent {

	private static final byte ENTRY_SKIPPED = 1;

	private static final byte EXITED = 2;

	private static final byte CANCELLED = 4;

	private final long startNanos;

	private final MethodInfo info;

	private final MethodTracer tracer;

	private final String threadName;

	private long exitNanos;

	/**
	 * The caller's location ({@link StackTraceElement}) until the call fails, then the error
	 * ({@link Throwable}), or both ({@link CallerAndError}) when there are both; {@link CapturedCall} when
	 * the method's values are captured (which only those calls pay for).
	 */
	private Object callerOrError;

	/** Bits written only by the calling thread. */
	private byte flags;

	/** Written only by the thread that encodes. */
	private boolean exitNext;

	private FunctionCall(MethodInfo info, long startNanos, MethodTracer tracer, String threadName,
			StackTraceElement caller) {
		this.info = info;
		this.startNanos = startNanos;
		this.tracer = tracer;
		this.threadName = threadName;
		this.callerOrError = caller;
	}

	/**
	 * Keeps the arguments of a call whose values are captured; set before the entry is submitted.
	 * @param arguments the arguments, kept as they are (only immutable values are written)
	 */
	void captured(Object[] arguments) {
		this.callerOrError = new CapturedCall(caller(), arguments);
	}

	/**
	 * Keeps the return value of a call whose return value is captured; set before the exit is submitted.
	 */
	void returned(Object value) {
		if (this.callerOrError instanceof CapturedCall captured) {
			captured.returnValue = value;
		}
	}

	/**
	 * Starts a call.
	 * @param parent the current span, or {@code null}
	 * @param outer without a parent, the current span of another tracer to join, or {@code null} to start a
	 * new trace
	 * @param info the method
	 * @param startNanos when the call started
	 * @param tracer the tracer, for the settings the events are written with
	 * @param threadName the calling thread's name
	 * @param caller the caller's location, or {@code null}
	 * @return the call
	 */
	static FunctionCall start(Span parent, RemoteContext outer, MethodInfo info, long startNanos, MethodTracer tracer,
			String threadName, StackTraceElement caller) {
		if (parent != null) {
			return new Child(parent, info, startNanos, tracer, threadName, caller);
		}
		return (outer != null) ? new ExternalChild(outer, info, startNanos, tracer, threadName, caller)
				: new Root(info, startNanos, tracer, threadName, caller);
	}

	MethodInfo info() {
		return this.info;
	}

	@Override
	public final String name() {
		return this.info.functionName();
	}

	@Override
	public final Object details() {
		return this.info;
	}

	@Override
	public final String correlationPrefix() {
		return "func";
	}

	@Override
	public final long startNanos() {
		return this.startNanos;
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
	boolean exited(long exitNanos, Throwable error, boolean cancelled) {
		if (is(EXITED)) {
			return false;
		}
		this.exitNanos = exitNanos;
		if (this.callerOrError instanceof CapturedCall captured) {
			captured.error = error;
		}
		else if (error != null) {
			Object caller = this.callerOrError;
			this.callerOrError = (caller != null) ? new CallerAndError((StackTraceElement) caller, error) : error;
		}
		this.flags |= (byte) (EXITED | (cancelled ? CANCELLED : 0));
		return true;
	}

	/** The severity of the exit event: {@code ERROR} for an error, at least {@code WARN} when slow. */
	static Severity exitSeverity(Severity severity, Throwable error, boolean slow) {
		if (error != null) {
			return Severity.ERROR;
		}
		return (slow && !severity.isAtLeast(Severity.WARN)) ? Severity.WARN : severity;
	}

	private boolean slow() {
		return this.tracer.isSlow(error(), this.exitNanos - this.startNanos);
	}

	private StackTraceElement caller() {
		Object value = this.callerOrError;
		if (value instanceof CallerAndError both) {
			return both.caller();
		}
		if (value instanceof CapturedCall captured) {
			return captured.caller;
		}
		return (value instanceof StackTraceElement caller) ? caller : null;
	}

	private Throwable exitError() {
		Object value = this.callerOrError;
		if (value instanceof CallerAndError both) {
			return both.error();
		}
		if (value instanceof CapturedCall captured) {
			return captured.error;
		}
		return (value instanceof Throwable error) ? error : null;
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
		return encodingExit() ? this.exitNanos : this.startNanos;
	}

	@Override
	public Severity severity() {
		return encodingExit() ? exitSeverity(this.info.severity(), exitError(), slow()) : this.info.severity();
	}

	@Override
	public long durationNanos() {
		return encodingExit() ? this.exitNanos - this.startNanos : -1;
	}

	@Override
	public Throwable error() {
		return encodingExit() ? exitError() : null;
	}

	@Override
	public String message() {
		if (!encodingExit()) {
			return "Function '" + name() + "' entry";
		}
		StringBuilder message = new StringBuilder(64).append("Function '").append(name()).append("' ");
		Throwable error = exitError();
		if (error != null) {
			message.append("failed with ").append(error.getClass().getSimpleName()).append(' ');
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
		MethodInfo info = this.info;
		attributes.put("function.parameters", info.parameters());
		Span parent = parent();
		if (parent != null) {
			attributes.put("caller.function", parent.name());
		}
		StackTraceElement caller = caller();
		if (caller != null) {
			attributes.put("caller.file", (caller.getFileName() != null) ? caller.getFileName() : caller.getClassName());
			attributes.put("caller.line", caller.getLineNumber());
		}
		attributes.put("program_name", this.tracer.programName());
		attributes.put("code.namespace", info.namespace());
		attributes.put("code.function", info.methodName());
		attributes.put("thread.name", this.threadName);
		if (parent != null) {
			attributes.put("parent_correlation_id", parent.correlationId());
		}
		if (this.callerOrError instanceof CapturedCall captured && captured.arguments != null) {
			info.capture().writeArguments(captured.arguments, attributes);
		}
	}

	private void writeExitAttributes(AttributeWriter attributes) {
		MethodInfo info = this.info;
		attributes.put("program_name", this.tracer.programName());
		attributes.put("code.namespace", info.namespace());
		attributes.put("code.function", info.methodName());
		if (slow()) {
			attributes.put("slow", true);
			attributes.put("slow.threshold_ns", this.tracer.slowThresholdNanos());
		}
		if (is(CANCELLED)) {
			attributes.put("cancelled", true);
		}
		if (this.callerOrError instanceof CapturedCall captured && captured.error == null
				&& info.capture().returnValue()) {
			info.capture().writeReturnValue(captured.returnValue, attributes);
		}
	}

	/** The call that starts a trace: its random trace id, from which its span id is derived. */
	private static final class Root extends FunctionCall {

		private final long traceIdHigh;

		private final long traceIdLow;

		Root(MethodInfo info, long startNanos, MethodTracer tracer, String threadName, StackTraceElement caller) {
			super(info, startNanos, tracer, threadName, caller);
			this.traceIdHigh = TraceIds.randomNonZero();
			this.traceIdLow = TraceIds.randomRootTraceIdLow();
		}

		@Override
		public long traceIdHigh() {
			return this.traceIdHigh;
		}

		@Override
		public long traceIdLow() {
			return this.traceIdLow;
		}

		@Override
		public long spanId() {
			return TraceIds.derivedSpanId(this.traceIdLow);
		}

		@Override
		public long parentSpanId() {
			return 0;
		}

		@Override
		public Span parent() {
			return null;
		}

	}

	/** A call under a local span, whose trace it shares. */
	private static final class Child extends FunctionCall {

		private final Span parent;

		private final long spanId;

		Child(Span parent, MethodInfo info, long startNanos, MethodTracer tracer, String threadName,
				StackTraceElement caller) {
			super(info, startNanos, tracer, threadName, caller);
			this.parent = parent;
			this.spanId = TraceIds.randomNonZero();
		}

		@Override
		public long traceIdHigh() {
			return this.parent.traceIdHigh();
		}

		@Override
		public long traceIdLow() {
			return this.parent.traceIdLow();
		}

		@Override
		public long spanId() {
			return this.spanId;
		}

		@Override
		public long parentSpanId() {
			return this.parent.spanId();
		}

		@Override
		public Span parent() {
			return this.parent;
		}

	}

	/** A call with no local parent under another tracer's current span ({@code ExternalParent}). */
	private static final class ExternalChild extends FunctionCall {

		private final RemoteContext outer;

		private final long spanId;

		ExternalChild(RemoteContext outer, MethodInfo info, long startNanos, MethodTracer tracer, String threadName,
				StackTraceElement caller) {
			super(info, startNanos, tracer, threadName, caller);
			this.outer = outer;
			this.spanId = TraceIds.randomNonZero();
		}

		@Override
		public long traceIdHigh() {
			return this.outer.traceIdHigh();
		}

		@Override
		public long traceIdLow() {
			return this.outer.traceIdLow();
		}

		@Override
		public long spanId() {
			return this.spanId;
		}

		@Override
		public long parentSpanId() {
			return this.outer.spanId();
		}

		@Override
		public Span parent() {
			return null;
		}

	}

	private record CallerAndError(StackTraceElement caller, Throwable error) {

	}

	/**
	 * What a call whose values are captured keeps: the caller's location and the arguments, set before the
	 * entry is submitted; the error or return value, set before the exit is (the queue publishes both).
	 */
	private static final class CapturedCall {

		final StackTraceElement caller;

		final Object[] arguments;

		Throwable error;

		Object returnValue;

		CapturedCall(StackTraceElement caller, Object[] arguments) {
			this.caller = caller;
			this.arguments = arguments;
		}

	}

}
