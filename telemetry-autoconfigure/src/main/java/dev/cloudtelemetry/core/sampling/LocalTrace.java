package dev.cloudtelemetry.core.sampling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * The part of a trace that runs in this process, from its local root span down: what sampling decided for
 * it, its span budget and, while an unsampled trace may still be kept, its held events.
 * <p>
 * Shared by every span of the local trace, on every thread it reaches. The decision is read without a lock
 * (a volatile byte); holding, and the change from holding to writing or dropping, happen under this object's
 * lock, so that held events are handed to the sink whole and in the order they were offered, before any
 * later event of the trace.
 */
public final class LocalTrace {

	static final byte RECORD = 0;

	static final byte BUFFER = 1;

	static final byte DROP = 2;

	private static final VarHandle METHOD_SPANS;

	static {
		try {
			METHOD_SPANS = MethodHandles.lookup().findVarHandle(LocalTrace.class, "methodSpans", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Sampling sampling;

	private volatile byte mode;

	@SuppressWarnings("unused") // through METHOD_SPANS
	private volatile int methodSpans;

	private volatile boolean failed;

	private volatile boolean slow;

	/** Guarded by this. */
	private @Nullable List<TelemetryEvent> held;

	LocalTrace(Sampling sampling, byte mode) {
		this.sampling = sampling;
		this.mode = mode;
	}

	/** Whether the trace is sampled: its outgoing {@code traceparent} says so (flags {@code 01}). */
	public boolean sampled() {
		return this.mode == RECORD;
	}

	/**
	 * Whether events of this trace may still be written: {@code false} once it is dropped, so that the tracers
	 * do not build events nobody will write.
	 */
	public boolean recording() {
		return this.mode != DROP;
	}

	/**
	 * Counts a method span against the trace's budget.
	 * @return whether the span is within the budget and is written
	 */
	public boolean admitMethodSpan() {
		int budget = this.sampling.settings().methodSpansPerTrace();
		if (budget == Integer.MAX_VALUE) {
			return true;
		}
		int count = (int) METHOD_SPANS.getAndAdd(this, 1) + 1;
		if (count > 0 && count <= budget) {
			return true;
		}
		this.sampling.countSuppressed();
		return false;
	}

	/** How many method spans of this trace were not written because of the budget so far. */
	public int spansSuppressed() {
		int budget = this.sampling.settings().methodSpansPerTrace();
		int count = (int) METHOD_SPANS.getVolatile(this);
		return (count > budget) ? count - budget : 0;
	}

	/**
	 * Offers an event of this trace: to the sink when the trace is sampled, held while it may still be kept,
	 * refused when it is dropped.
	 * @param event the event
	 * @param sink where written events go
	 * @return whether the event was queued or held
	 */
	public boolean offer(TelemetryEvent event, EventSink sink) {
		byte current = this.mode;
		if (current == RECORD) {
			return sink.offer(event);
		}
		if (current == DROP) {
			return false;
		}
		synchronized (this) {
			current = this.mode;
			if (current != BUFFER) {
				return current == RECORD && sink.offer(event);
			}
			List<TelemetryEvent> events = this.held;
			if (events == null) {
				events = new ArrayList<>(16);
				this.held = events;
			}
			SamplingSettings settings = this.sampling.settings();
			if (events.size() >= 2L * settings.bufferMaxSpansPerTrace()
					|| !this.sampling.reserve(Sampling.HELD_EVENT_BYTES)) {
				// past a bound the trace is decided now, from what has happened so far
				this.sampling.countOverBudget();
				settle(sink);
				return this.mode == RECORD && sink.offer(event);
			}
			events.add(event);
			return true;
		}
	}

	/**
	 * Notes how a span of the trace ended: a failure or a slow span keeps an unsampled trace.
	 * @param failed whether the span failed
	 * @param durationNanos how long it took
	 */
	public void spanEnded(boolean failed, long durationNanos) {
		if (this.mode != BUFFER) {
			return;
		}
		if (failed) {
			this.failed = true;
		}
		long threshold = this.sampling.settings().keepSlowerThanNanos();
		if (threshold > 0 && durationNanos > threshold) {
			this.slow = true;
		}
	}

	/**
	 * The local root ended: an unsampled trace is written whole when a span failed or was slow, otherwise
	 * its held events are discarded. Events that arrive later (asynchronous work outliving the root) follow
	 * the same decision.
	 * @param sink where written events go
	 */
	public void end(EventSink sink) {
		if (this.mode != BUFFER) {
			return;
		}
		synchronized (this) {
			if (this.mode == BUFFER) {
				settle(sink);
			}
		}
	}

	/** Decides a held trace; called with the lock held. */
	private void settle(EventSink sink) {
		boolean keepForError = this.failed && this.sampling.settings().keepErrors();
		boolean keep = (keepForError || this.slow) && this.sampling.admitsKept(keepForError);
		List<TelemetryEvent> events = this.held;
		this.held = null;
		int count = (events != null) ? events.size() : 0;
		this.sampling.release(count * Sampling.HELD_EVENT_BYTES);
		if (!keep) {
			this.sampling.countDiscarded();
			this.mode = DROP;
			return;
		}
		if (keepForError) {
			this.sampling.countKeptForError();
		}
		else {
			this.sampling.countKeptForLatency();
		}
		for (int i = 0; i < count; i++) {
			TelemetryEvent event = events.get(i);
			if (!sink.offer(event) && !offeredBefore(events, i)) {
				event.firstSubmissionRefused();
			}
		}
		this.mode = RECORD;
	}

	/** Whether an event object (a method call submitted at entry and at exit) appears before {@code index}. */
	private static boolean offeredBefore(List<TelemetryEvent> events, int index) {
		TelemetryEvent event = events.get(index);
		for (int i = 0; i < index; i++) {
			if (events.get(i) == event) {
				return true;
			}
		}
		return false;
	}

}
