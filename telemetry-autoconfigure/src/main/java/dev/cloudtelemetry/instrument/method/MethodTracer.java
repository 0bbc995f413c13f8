package dev.cloudtelemetry.instrument.method;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;

/**
 * Turns method calls into {@code function_entry} / {@code function_exit} events. Plain Java with no
 * interception framework: an interceptor calls {@link #enter} before the method, makes the span current,
 * and calls {@link #complete} or {@link #exit} after it.
 * <p>
 * On the calling thread this does what cannot be deferred: take the time, create ids, enqueue two small
 * event objects. Formatting happens on the writer thread.
 */
public final class MethodTracer {

	private static final StackWalker WALKER = StackWalker.getInstance();

	private final EventSink sink;

	private final SpanFactory spans;

	private final NanoClock clock;

	private final Sampling sampling;

	private final Severity minimum;

	private final long slowThresholdNanos;

	private final boolean callerLocation;

	private final String programName;

	private final CallMessages messages = new CallMessages();

	private final OtherAsyncResults otherResults;

	/**
	 * @param sink where events go
	 * @param spans creates spans
	 * @param minimum events below this severity are not emitted
	 * @param slowThresholdNanos calls longer than this end with {@code WARN}; {@code <= 0} disables it
	 * @param callerLocation whether to find the caller's file and line (walks the stack: costly)
	 * @param programName the {@code program_name} attribute
	 */
	public MethodTracer(EventSink sink, SpanFactory spans, Severity minimum, long slowThresholdNanos,
			boolean callerLocation, String programName) {
		this(sink, spans, minimum, slowThresholdNanos, callerLocation, programName, OtherAsyncResults.NONE);
	}

	/**
	 * @param sink where events go
	 * @param spans creates spans
	 * @param minimum events below this severity are not emitted
	 * @param slowThresholdNanos calls longer than this end with {@code WARN}; {@code <= 0} disables it
	 * @param callerLocation whether to find the caller's file and line (walks the stack: costly)
	 * @param programName the {@code program_name} attribute
	 * @param otherResults ends the calls of {@code REACTIVE} methods whose result is not Reactor's
	 */
	public MethodTracer(EventSink sink, SpanFactory spans, Severity minimum, long slowThresholdNanos,
			boolean callerLocation, String programName, OtherAsyncResults otherResults) {
		this.otherResults = otherResults;
		this.sink = sink;
		this.spans = spans;
		this.clock = spans.clock();
		this.sampling = spans.sampling();
		this.minimum = minimum;
		this.slowThresholdNanos = slowThresholdNanos;
		this.callerLocation = callerLocation;
		this.programName = programName;
	}

	CallMessages messages() {
		return this.messages;
	}

	String programName() {
		return this.programName;
	}

	long slowThresholdNanos() {
		return this.slowThresholdNanos;
	}

	NanoClock clock() {
		return this.clock;
	}

	Sampling sampling() {
		return this.sampling;
	}

	boolean callerLocation() {
		return this.callerLocation;
	}

	/**
	 * Starts the span of a call and emits its entry event. The caller makes the span current.
	 * @param info the method
	 * @param parent the current span, or {@code null} to start a new trace
	 * @return the new span
	 */
	public Span enter(MethodInfo info, Span parent) {
		return enter(info, parent, null);
	}

	/**
	 * Starts the span of a call and emits its entry event. The caller makes the span current.
	 * @param info the method
	 * @param parent the current span, or {@code null} to start a new trace
	 * @param arguments the call's arguments, written when {@link MethodInfo#capture()} says so; may be
	 * {@code null}
	 * @return the new span
	 */
	public Span enter(MethodInfo info, Span parent, Object[] arguments) {
		RemoteContext outer = (parent != null) ? null : this.spans.externalParent();
		ArgumentCapture capture = info.capture();
		FunctionCall call = FunctionCall.start(parent, outer, info, this,
				(capture != null && capture.arguments()) ? arguments : null);
		if (call.written() && (!info.severity().isAtLeast(this.minimum) || !call.submit(this.sink))) {
			call.entrySkipped();
		}
		return call;
	}

	/**
	 * Ends a span: emits its exit event, {@code ERROR} with the error when there is one.
	 * @param span the span from {@link #enter}
	 * @param error what the call threw, or {@code null}
	 */
	public void exit(Span span, Throwable error) {
		exit(span, error, false);
	}

	void exit(Span span, Throwable error, boolean cancelled) {
		exitCall((FunctionCall) span, error, cancelled);
		if (((FunctionCall) span).isLocalRoot()) {
			this.sink.rootEnded();
		}
	}

	private void exitCall(FunctionCall call, Throwable error, boolean cancelled) {
		Span span = call;
		if (!call.written()) {
			// nothing to write, but a failure still keeps a held trace, and a local root still ends its trace
			if (call.exited(0, error, cancelled)) {
				ended(call, call.existingLocalTrace(), error, 0);
			}
			return;
		}
		long now = this.clock.epochNanos();
		Severity severity = FunctionCall.exitSeverity(call.info().severity(), error,
				isSlow(error, now - span.startNanos()));
		if (call.exited(now, error, cancelled)) {
			boolean written = severity.isAtLeast(this.minimum);
			LocalTrace trace = call.existingLocalTrace();
			if (trace != null && call.isLocalRoot()) {
				// the exit, the span's end and the trace's end under one lock of a held trace
				trace.end(written ? call : null, this.sink, error != null, now - span.startNanos());
				return;
			}
			if (written) {
				call.submit(this.sink);
			}
			ended(call, trace, error, now - span.startNanos());
		}
	}

	/** Tells the call's trace how the call ended, after its exit was submitted (held with the others). */
	private void ended(FunctionCall call, LocalTrace trace, Throwable error, long durationNanos) {
		if (trace != null) {
			trace.spanEnded(error != null, durationNanos);
			if (call.isLocalRoot()) {
				trace.end(this.sink);
			}
		}
	}

	/** Whether a call that took {@code durationNanos} is reported as slow: only calls without an error. */
	boolean isSlow(Throwable error, long durationNanos) {
		return error == null && this.slowThresholdNanos > 0 && durationNanos > this.slowThresholdNanos;
	}

	/**
	 * Ends the span when the call is over: now for ordinary results, on completion for asynchronous ones.
	 * @param span the span from {@link #enter}
	 * @param result what the method returned
	 * @return the result to hand to the caller (a reactive result is decorated)
	 */
	public Object complete(Span span, Object result) {
		ReturnKind kind = ((MethodInfo) span.details()).returnKind();
		if (result != null && kind == ReturnKind.COMPLETION_STAGE && result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, error) -> {
				((FunctionCall) span).returned(value);
				exit(span, unwrap(error));
			});
			return result;
		}
		if (result != null && kind == ReturnKind.REACTIVE) {
			return ReactiveCompletion.isReactive(result) ? ReactiveCompletion.onTermination(result, span, this)
					: this.otherResults.complete(this, span, result);
		}
		return completeNow(span, result);
	}

	/**
	 * Ends the span now, with what the method returned.
	 * @param span the span from {@link #enter}
	 * @param result what the method returned
	 * @return the result
	 */
	public Object completeNow(Span span, Object result) {
		((FunctionCall) span).returned(result);
		exit(span, null);
		return result;
	}

	static Throwable unwrap(Throwable error) {
		if ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
			return error.getCause();
		}
		return error;
	}

	static StackTraceElement findCaller() {
		Optional<StackWalker.StackFrame> frame = WALKER.walk((frames) -> {
			boolean[] passedProxy = { false };
			return frames.filter((f) -> {
				String type = f.getClassName();
				boolean proxy = isProxyFrame(type);
				if (proxy) {
					passedProxy[0] = true;
					return false;
				}
				return passedProxy[0] && !isInterceptionFrame(type);
			}).findFirst();
		});
		return frame.map(StackWalker.StackFrame::toStackTraceElement).orElse(null);
	}

	private static boolean isProxyFrame(String type) {
		return type.contains("$$SpringCGLIB$$") || type.contains("$$EnhancerBySpringCGLIB$$")
				|| type.startsWith("jdk.proxy") || type.startsWith("com.sun.proxy.");
	}

	private static boolean isInterceptionFrame(String type) {
		return type.startsWith("org.springframework.aop.") || type.startsWith("org.springframework.cglib.")
				|| type.startsWith("java.lang.reflect.") || type.startsWith("jdk.internal.")
				|| type.startsWith("dev.cloudtelemetry.");
	}

}
