package dev.cloudtelemetry.instrument.method;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.TraceIds;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.DurationText;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SpanFilter;

/**
 * One call of a traced method: its span, and both its events. It is submitted to the sink twice, at entry
 * and at exit, and written as {@code function_entry} the first time and {@code function_exit} the second:
 * one object per call instead of three keeps the caller's allocation at the size of this object.
 * <p>
 * The object keeps only what cannot be derived, so that it stays small: 64 bytes for a child and for a
 * root (measured in {@code TracedCallBenchmark}): the name, namespace and parameters come from the
 * {@link MethodInfo}; the exit's severity and the {@code slow} flag are computed when the exit is encoded; a
 * child keeps its parent (whose trace it shares), its span id and its local trace; a root keeps its random
 * trace id, from which its span id is derived ({@link TraceIds#derivedSpanId}), and its local trace once it
 * has one. The thread's name, the caller's location, the return value and the error share one field: the
 * name alone in the common case, a {@link Details} when there is more. Captured arguments are kept as the
 * array the call received, in a field of the call itself: a child has room for it within its 64 bytes, a
 * root that captures is a {@link CapturingRoot} of 72 bytes; either way a call that captures its arguments
 * allocates no second object and writes nothing more than the field.
 * <p>
 * Threading: the entry fields are final. The exit fields are set by the calling thread before the second
 * submission, which the queue publishes to the writer thread. {@code exitNext} is read and written only
 * by the thread that encodes (the writer thread, or the caller after shutdown). {@code flags} are written by
 * the calling thread only; the entry-skipped bit is set only when the entry was never submitted, before
 * the exit is, and no later write changes it, or when held events are handed over
 * ({@link #firstSubmissionRefused()}) under the lock of the {@link LocalTrace}, which the exit's submission
 * passes through. The not-written and filtered bits are set before the call is published.
 * <p>
 * A call whose trace is not sampled, that a filter dropped or that is past its trace's span budget is not
 * written: it keeps its ids (its children and outgoing calls still propagate the trace) but reads no clock
 * and submits nothing. A child keeps its local trace in the room its object had left; a root (the call
 * that starts a trace) creates it only when a child asks for it, so that a call without children allocates
 * no more than before.
 */
abstract sealed class FunctionCall extends Span implements TelemetryEvent {

	private static final byte ENTRY_SKIPPED = 1;

	private static final byte EXITED = 2;

	private static final byte CANCELLED = 4;

	private static final byte NOT_WRITTEN = 8;

	private static final byte FILTERED = 16;

	private final long startNanos;

	private final MethodInfo info;

	private final MethodTracer tracer;

	private long exitNanos;

	/**
	 * The calling thread's name ({@link String}) for a written call with nothing else to keep; a
	 * {@link Details} when there is more: the caller's location, captured values or an error (which only
	 * those calls pay for). One field instead of two keeps a root at 64 bytes instead of 72.
	 */
	private Object threadOrDetails;

	/** Bits written only by the calling thread. */
	private byte flags;

	/** Written only by the thread that encodes. */
	private boolean exitNext;

	private FunctionCall(MethodInfo info, MethodTracer tracer, byte flags) {
		this.info = info;
		this.tracer = tracer;
		this.flags = flags;
		if ((flags & NOT_WRITTEN) == 0) {
			this.startNanos = tracer.clock().epochNanos();
			String threadName = Thread.currentThread().getName();
			this.threadOrDetails = tracer.callerLocation()
					? new Details(threadName, MethodTracer.findCaller()) : threadName;
		}
		else {
			this.startNanos = 0;
		}
	}

	/**
	 * Keeps the return value of a call whose return value is captured; set before the exit is submitted.
	 * Calls that do not capture it write nothing.
	 */
	void returned(Object value) {
		ArgumentCapture capture = this.info.capture();
		Object kept = this.threadOrDetails;
		if (value == null || capture == null || !capture.returnValue() || kept == null) {
			return;
		}
		if (kept instanceof Details details) {
			details.returnValue = value;
		}
		else {
			// a new object rather than a change of one the writer may be reading for the entry
			Details details = new Details((String) kept, null);
			details.returnValue = value;
			this.threadOrDetails = details;
		}
	}

	/**
	 * Starts a call: its ids, its trace's decision, and (when it is written) its start, thread and caller.
	 * @param parent the current span, or {@code null}
	 * @param outer without a parent, the current span of another tracer to join, or {@code null} to start a
	 * new trace
	 * @param info the method
	 * @param tracer the tracer, for the settings the events are written with
	 * @param arguments the arguments to write with the entry, kept as they are (only immutable values are
	 * written), or {@code null} when the method's arguments are not captured
	 * @return the call
	 */
	static FunctionCall start(Span parent, RemoteContext outer, MethodInfo info, MethodTracer tracer,
			Object[] arguments) {
		Sampling sampling = tracer.sampling();
		if (parent != null) {
			LocalTrace trace = parent.localTrace();
			byte flags = flags(trace, sampling, info, parent);
			return new Child(parent, trace, info, tracer, flags, kept(arguments, flags));
		}
		if (outer != null) {
			LocalTrace trace = sampling.begin(outer.traceIdLow(), outer);
			byte flags = flags(trace, sampling, info, null);
			return new ExternalChild(outer, trace, info, tracer, flags, kept(arguments, flags));
		}
		long traceIdLow = TraceIds.randomRootTraceIdLow();
		LocalTrace trace = sampling.beginLazily(traceIdLow, null);
		byte flags = flags(trace, sampling, info, null);
		Object[] kept = kept(arguments, flags);
		return (kept != null) ? new CapturingRoot(traceIdLow, trace, info, tracer, flags, kept)
				: new Root(traceIdLow, trace, info, tracer, flags);
	}

	/** The arguments a call keeps: none when it is not written. */
	private static Object[] kept(Object[] arguments, byte flags) {
		return ((flags & NOT_WRITTEN) == 0) ? arguments : null;
	}

	/** Whether the call is written: its trace records, no filter drops it, the budget has room. */
	private static byte flags(LocalTrace trace, Sampling sampling, MethodInfo info, Span parent) {
		if (trace != null && !trace.recording()) {
			return NOT_WRITTEN;
		}
		if (sampling.hasFilters() && !sampling.keeps(SpanFilter.Kind.METHOD, info.functionName(), info.namespace(),
				parent)) {
			return NOT_WRITTEN | FILTERED;
		}
		if (trace != null && !trace.admitMethodSpan()) {
			return NOT_WRITTEN;
		}
		return 0;
	}

	/** Whether the call's events are written. */
	boolean written() {
		return !is(NOT_WRITTEN);
	}

	/** The call's local trace if it has one already; a root without children may have none. */
	abstract LocalTrace existingLocalTrace();

	/** The captured arguments, or {@code null} when the call's arguments are not written. */
	abstract Object[] arguments();

	/** Whether the call is the local root of its trace. */
	boolean isLocalRoot() {
		return parent() == null;
	}

	/**
	 * Submits the call's next event: to the sink, or to its trace when the trace decides later.
	 * @return whether it was queued or held
	 */
	boolean submit(EventSink sink) {
		LocalTrace trace = existingLocalTrace();
		return (trace != null) ? trace.offer(this, sink) : sink.offer(this);
	}

	@Override
	public boolean filteredOut() {
		return is(FILTERED);
	}

	@Override
	public void firstSubmissionRefused() {
		this.flags |= ENTRY_SKIPPED;
	}

	MethodInfo info() {
		return this.info;
	}

	MethodTracer tracer() {
		return this.tracer;
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
		Object kept = this.threadOrDetails;
		if (error != null && kept instanceof Details details) {
			details.error = error;
		}
		else if (error != null && kept != null) {
			// a new object rather than a change of one the writer may be reading for the entry
			Details details = new Details((String) kept, null);
			details.error = error;
			this.threadOrDetails = details;
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

	private String threadName() {
		Object kept = this.threadOrDetails;
		return (kept instanceof Details details) ? details.threadName : (String) kept;
	}

	private StackTraceElement caller() {
		return (this.threadOrDetails instanceof Details details) ? details.caller : null;
	}

	private Throwable exitError() {
		return (this.threadOrDetails instanceof Details details) ? details.error : null;
	}

	/** The captured return value, or {@code null}. */
	private Object returnValue() {
		return (this.threadOrDetails instanceof Details details) ? details.returnValue : null;
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
			return this.tracer.messages().of(name()).entry();
		}
		String beforeDuration = messageBeforeDuration();
		if (beforeDuration == null) {
			Throwable error = exitError();
			beforeDuration = "Function '" + name() + "' failed with "
					+ ((error != null) ? error.getClass().getSimpleName() : "") + " (";
		}
		return DurationText.appendMillis(new StringBuilder(beforeDuration.length() + 16).append(beforeDuration), durationNanos())
			.append("ms)")
			.toString();
	}

	/** The exit's message before its duration, the same instance every time; {@code null} for an error. */
	@Override
	public String messageBeforeDuration() {
		if (!encodingExit() || exitError() != null) {
			return null;
		}
		CallMessages.Texts texts = this.tracer.messages().of(name());
		return is(CANCELLED) ? texts.cancelled() : texts.exit();
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
		attributes.put("thread.name", threadName());
		if (parent != null) {
			attributes.putCorrelationId("parent_correlation_id", parent);
		}
		Object[] arguments = arguments();
		if (arguments != null) {
			info.capture().writeArguments(arguments, attributes);
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
		if (isLocalRoot()) {
			LocalTrace trace = existingLocalTrace();
			int suppressed = (trace != null) ? trace.spansSuppressed() : 0;
			if (suppressed > 0) {
				attributes.put("telemetry.spans_suppressed", suppressed);
			}
		}
		ArgumentCapture capture = info.capture();
		if (capture != null && capture.returnValue() && exitError() == null) {
			capture.writeReturnValue(returnValue(), attributes);
		}
	}

	/** The call that starts a trace: its random trace id, from which its span id is derived. */
	private static sealed class Root extends FunctionCall {

		private static final VarHandle TRACE;

		static {
			try {
				TRACE = MethodHandles.lookup().findVarHandle(Root.class, "trace", LocalTrace.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final long traceIdHigh;

		private final long traceIdLow;

		/**
		 * {@code null} while a sampled root has no children; set once, by CAS. Not volatile: the constructor's
		 * write would cost every root call a fence; reads are acquire, and the root reaches other threads
		 * only through a queue or a task hand-off, which publish it.
		 */
		private LocalTrace trace;

		Root(long traceIdLow, LocalTrace trace, MethodInfo info, MethodTracer tracer, byte flags) {
			super(info, tracer, flags);
			this.traceIdHigh = TraceIds.randomNonZero();
			this.traceIdLow = traceIdLow;
			this.trace = trace;
		}

		@Override
		LocalTrace existingLocalTrace() {
			return (LocalTrace) TRACE.getAcquire(this);
		}

		@Override
		public LocalTrace localTrace() {
			LocalTrace current = existingLocalTrace();
			if (current != null) {
				return current;
			}
			LocalTrace created = tracer().sampling().recording();
			// the root is the first method span of its trace's budget
			created.admitMethodSpan();
			LocalTrace witness = (LocalTrace) TRACE.compareAndExchange(this, (LocalTrace) null, created);
			return (witness != null) ? witness : created;
		}

		@Override
		public boolean sampled() {
			LocalTrace current = existingLocalTrace();
			return current == null || current.sampled();
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

		@Override
		Object[] arguments() {
			return null;
		}

	}

	/** A root whose arguments are written: 8 bytes more than a root, in one object. */
	private static final class CapturingRoot extends Root {

		private final Object[] arguments;

		CapturingRoot(long traceIdLow, LocalTrace trace, MethodInfo info, MethodTracer tracer, byte flags,
				Object[] arguments) {
			super(traceIdLow, trace, info, tracer, flags);
			this.arguments = arguments;
		}

		@Override
		Object[] arguments() {
			return this.arguments;
		}

	}

	/** A call with a parent: a random span id of its own, and the local trace it was given. */
	private abstract static sealed class Descendant extends FunctionCall {

		private final long spanId;

		private final LocalTrace trace;

		/** Room a child has within its 64 bytes. */
		private final Object[] arguments;

		Descendant(LocalTrace trace, MethodInfo info, MethodTracer tracer, byte flags, Object[] arguments) {
			super(info, tracer, flags);
			this.spanId = TraceIds.randomNonZero();
			this.trace = trace;
			this.arguments = arguments;
		}

		@Override
		final Object[] arguments() {
			return this.arguments;
		}

		@Override
		final LocalTrace existingLocalTrace() {
			return this.trace;
		}

		@Override
		public final LocalTrace localTrace() {
			return this.trace;
		}

		@Override
		public final long spanId() {
			return this.spanId;
		}

	}

	/** A call under a local span, whose trace it shares. */
	private static final class Child extends Descendant {

		private final Span parent;

		Child(Span parent, LocalTrace trace, MethodInfo info, MethodTracer tracer, byte flags, Object[] arguments) {
			super(trace, info, tracer, flags, arguments);
			this.parent = parent;
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
		public long parentSpanId() {
			return this.parent.spanId();
		}

		@Override
		public Span parent() {
			return this.parent;
		}

	}

	/** A call with no local parent under another tracer's current span ({@code ExternalParent}). */
	private static final class ExternalChild extends Descendant {

		private final RemoteContext outer;

		ExternalChild(RemoteContext outer, LocalTrace trace, MethodInfo info, MethodTracer tracer, byte flags,
				Object[] arguments) {
			super(trace, info, tracer, flags, arguments);
			this.outer = outer;
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
		public long parentSpanId() {
			return this.outer.spanId();
		}

		@Override
		public Span parent() {
			return null;
		}

	}

	/**
	 * What a call keeps besides its thread's name, when it has more: the caller's location, set before the
	 * entry is submitted; the error or the captured return value, set before the exit is (the queue publishes
	 * both). What the entry's encoding reads is final, so that the writer reads it whole while the calling
	 * thread sets the exit's part.
	 */
	private static final class Details {

		final String threadName;

		final StackTraceElement caller;

		Throwable error;

		Object returnValue;

		Details(String threadName, StackTraceElement caller) {
			this.threadName = threadName;
			this.caller = caller;
		}

	}

}
