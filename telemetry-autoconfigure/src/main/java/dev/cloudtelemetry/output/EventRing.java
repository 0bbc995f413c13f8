package dev.cloudtelemetry.output;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * The writer's queue: a bounded ring of events that many application threads offer to without a lock and
 * one consumer takes from (D. Vyukov's bounded queue). A producer claims a position with one
 * compare-and-set on the producer index and then publishes its event by setting the slot's sequence; the
 * consumer takes published slots in order and frees each by setting its sequence one lap ahead. A full
 * ring refuses at once; waiting for room is the caller's business.
 * <p>
 * One consumer at a time: the writer thread, or after it stopped, whoever holds the writer's lock (a
 * happens-before edge must hand the ring over).
 */
final class EventRing {

	private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

	private static final VarHandle INDEX;

	static {
		try {
			INDEX = MethodHandles.lookup().findVarHandle(Index.class, "value", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final int capacity;

	/** {@code capacity - 1} when the capacity is a power of two (a mask instead of a division), else -1. */
	private final long mask;

	private final TelemetryEvent[] events;

	/**
	 * Per slot: twice the position it is free for, or twice the position of the event it holds plus one.
	 * (Doubling keeps "holds the event of position p" and "free for position p + capacity" apart even
	 * with a capacity of one.)
	 */
	private final long[] sequences;

	/** Positions claimed by producers, from 0. Padded: producers write it, the consumer only reads it. */
	private final Index producer = new Index();

	/** Positions taken by the consumer, from 0. */
	private final Index consumer = new Index();

	EventRing(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("Capacity must be at least 1");
		}
		this.capacity = capacity;
		this.mask = (Integer.bitCount(capacity) == 1) ? capacity - 1 : -1;
		this.events = new TelemetryEvent[capacity];
		this.sequences = new long[capacity];
		for (int i = 0; i < capacity; i++) {
			this.sequences[i] = 2L * i;
		}
	}

	private int slot(long position) {
		return (int) ((this.mask >= 0) ? position & this.mask : position % this.capacity);
	}

	/**
	 * Adds an event unless the ring is full. Never blocks.
	 * @param event the event
	 * @return whether the event was added
	 */
	boolean offer(TelemetryEvent event) {
		while (true) {
			long position = (long) INDEX.getVolatile(this.producer);
			int slot = slot(position);
			long sequence = (long) SEQUENCES.getAcquire(this.sequences, slot);
			if (sequence == 2 * position) {
				if (INDEX.compareAndSet(this.producer, position, position + 1)) {
					this.events[slot] = event;
					SEQUENCES.setRelease(this.sequences, slot, 2 * position + 1);
					return true;
				}
			}
			else if (sequence < 2 * position) {
				// the slot still holds the event of the previous lap: full
				return false;
			}
			// another producer took this position first: try the next
		}
	}

	/**
	 * Moves up to {@code max} published events, in order, to {@code to}; stops at the first position
	 * claimed but not yet published. Consumer only.
	 * @return how many events were moved
	 */
	int drain(List<? super TelemetryEvent> to, int max) {
		long position = (long) INDEX.getOpaque(this.consumer);
		int moved = 0;
		while (moved < max) {
			int slot = slot(position);
			if ((long) SEQUENCES.getAcquire(this.sequences, slot) != 2 * position + 1) {
				break;
			}
			take(to, slot, position);
			position++;
			moved++;
		}
		return moved;
	}

	/**
	 * Moves every event claimed so far to {@code to}, waiting for producers that claimed a position to
	 * publish it. Consumer only; used at shutdown.
	 * @return how many events were moved
	 */
	int drainAll(List<? super TelemetryEvent> to) {
		long end = (long) INDEX.getVolatile(this.producer);
		long position = (long) INDEX.getOpaque(this.consumer);
		int moved = 0;
		while (position < end) {
			int slot = slot(position);
			if ((long) SEQUENCES.getAcquire(this.sequences, slot) != 2 * position + 1) {
				// claimed, not yet published: the producer is between two instructions
				Thread.yield();
				continue;
			}
			take(to, slot, position);
			position++;
			moved++;
		}
		return moved;
	}

	private void take(List<? super TelemetryEvent> to, int slot, long position) {
		to.add(this.events[slot]);
		this.events[slot] = null;
		// the consumer index first: if this thread dies between the two, the slot stays taken and
		// recover() frees it, instead of a freed slot behind a stale index that nobody could take again
		INDEX.setRelease(this.consumer, position + 1);
		SEQUENCES.setRelease(this.sequences, slot, 2 * (position + this.capacity));
	}

	/**
	 * Frees the slot of a consumer that died between advancing its index and freeing the slot.
	 * Consumer only.
	 */
	void recover() {
		long position = (long) INDEX.getOpaque(this.consumer) - 1;
		if (position < 0) {
			return;
		}
		int slot = slot(position);
		if ((long) SEQUENCES.getAcquire(this.sequences, slot) == 2 * position + 1) {
			this.events[slot] = null;
			SEQUENCES.setRelease(this.sequences, slot, 2 * (position + this.capacity));
		}
	}

	/** Positions ever claimed by producers: every event that was added, and those being added. */
	long produced() {
		return (long) INDEX.getVolatile(this.producer);
	}

	/** Positions ever taken by the consumer. */
	long consumed() {
		return (long) INDEX.getVolatile(this.consumer);
	}

	/** Events added and not yet taken (those being added included). */
	int size() {
		long consumed = (long) INDEX.getVolatile(this.consumer);
		long produced = (long) INDEX.getVolatile(this.producer);
		return (int) Math.max(0, Math.min(this.capacity, produced - consumed));
	}

	boolean isEmpty() {
		return size() == 0;
	}

	/** Whether every slot is taken; reads both indexes as volatile, so a producer sees the consumer's progress. */
	boolean isFull() {
		return size() >= this.capacity;
	}

	int capacity() {
		return this.capacity;
	}

	/** A counter alone on its cache lines: the fields around it keep the other index off them. */
	@SuppressWarnings("unused")
	private static final class Index {

		private long p01, p02, p03, p04, p05, p06, p07;

		private volatile long value;

		private long p11, p12, p13, p14, p15, p16, p17;

	}

}
