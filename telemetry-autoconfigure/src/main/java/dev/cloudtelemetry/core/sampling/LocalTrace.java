package dev.cloudtelemetry.core.sampling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

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
 * later event of the trace. Held events count against the global bound ({@link Sampling#reserve}) a few at
 * a time, as many more as the trace holds already (2, 2, 4, 8, then 8 at a time), so that a trace reserves
 * at most twice what it holds and a small one little more than its own events; a local root's exit and the
 * trace's end take the lock once.
 */
public final class LocalTrace {

	static final byte RECORD = 0;

	static final byte BUFFER = 1;

	static final byte DROP = 2;

	/**
	 * The most held events reserved against the global bound at a time: one reservation per few events, not
	 * per event.
	 */
	static final int RESERVED_EVENTS = 8;

	/** The first reservation: a local root's entry and exit, all that a trace without children holds. */
	static final int FIRST_RESERVED_EVENTS = 2;

	/** The room for held events a trace starts with: a root and a child, entry and exit. */
	private static final int INITIAL_HELD = 4;

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
	private TelemetryEvent @Nullable [] held;

	/** How many of {@code held} are taken. Guarded by this. */
	private int heldCount;

	/** How many held events the global bound has granted this trace so far. Guarded by this. */
	private int reservedEvents;

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
			if (this.heldCount >= 2L * this.sampling.settings().bufferMaxSpansPerTrace() || !reserveOne()) {
				// past a bound the trace is decided now, from what has happened so far
				this.sampling.countOverBudget();
				settle(sink);
				return this.mode == RECORD && sink.offer(event);
			}
			TelemetryEvent[] events = this.held;
			if (events == null) {
				events = new TelemetryEvent[INITIAL_HELD];
				this.held = events;
			}
			else if (this.heldCount == events.length) {
				events = Arrays.copyOf(events, 2 * events.length);
				this.held = events;
			}
			events[this.heldCount++] = event;
			return true;
		}
	}

	/**
	 * Makes room for one more held event under the global bound: from what was reserved before, else a few
	 * events' worth at once (one atomic update of the global count per few events; as many as are held
	 * already, between 2 and 8), else exactly one. Called with the lock held.
	 */
	private boolean reserveOne() {
		if (this.heldCount < this.reservedEvents) {
			return true;
		}
		int more = Math.max(FIRST_RESERVED_EVENTS, Math.min(this.reservedEvents, RESERVED_EVENTS));
		if (this.sampling.reserve(more * Sampling.HELD_EVENT_BYTES)) {
			this.reservedEvents += more;
			return true;
		}
		if (this.sampling.reserve(Sampling.HELD_EVENT_BYTES)) {
			this.reservedEvents++;
			return true;
		}
		return false;
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

	/**
	 * The local root ended with its last event: the same as {@link #offer} of that event,
	 * {@link #spanEnded} and {@link #end}, taking this trace's lock once instead of twice.
	 * @param last the local root's last event, or {@code null} when it is not written
	 * @param sink where written events go
	 * @param failed whether the root failed
	 * @param durationNanos how long it took
	 */
	public void end(@Nullable TelemetryEvent last, EventSink sink, boolean failed, long durationNanos) {
		byte current = this.mode;
		if (current != BUFFER) {
			if (last != null && current == RECORD) {
				sink.offer(last);
			}
			return;
		}
		synchronized (this) {
			if (last != null) {
				offer(last, sink);
			}
			spanEnded(failed, durationNanos);
			end(sink);
		}
	}

	/** Decides a held trace; called with the lock held. */
	private void settle(EventSink sink) {
		boolean keepForError = this.failed && this.sampling.settings().keepErrors();
		boolean keep = (keepForError || this.slow) && this.sampling.admitsKept(keepForError);
		TelemetryEvent[] events = this.held;
		int count = this.heldCount;
		this.held = null;
		this.heldCount = 0;
		if (this.reservedEvents > 0) {
			this.sampling.release(this.reservedEvents * Sampling.HELD_EVENT_BYTES);
			this.reservedEvents = 0;
		}
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
			TelemetryEvent event = events[i];
			if (!sink.offer(event) && !offeredBefore(events, i)) {
				event.firstSubmissionRefused();
			}
		}
		this.mode = RECORD;
	}

	/** Whether an event object (a method call submitted at entry and at exit) appears before {@code index}. */
	private static boolean offeredBefore(TelemetryEvent[] events, int index) {
		TelemetryEvent event = events[index];
		for (int i = 0; i < index; i++) {
			if (events[i] == event) {
				return true;
			}
		}
		return false;
	}

}
