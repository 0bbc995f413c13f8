package dev.cloudtelemetry.output;

import java.lang.System.Logger.Level;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.output.WriterStats.Losses;

/**
 * Writes events on a thread of its own: the queue, batching, numbering and accounting part of the output.
 * Application threads only put events into a bounded queue that takes no lock ({@link EventRing}: one
 * compare-and-set per event, so callers on different cores do not wait for each other); the writer thread
 * numbers them ({@code sequence}), encodes each once into a reused buffer and hands the same batches of
 * whole lines to every {@link EventExporter}.
 * <p>
 * Every event offered is written or counted, once: an event that cannot be encoded costs itself only, an
 * exporter that fails gets its batches back later (see {@link Delivery}), a writer thread that dies is
 * replaced, and an event that races with shutdown is written by the thread that offered it. The
 * application never sees an exception, and the writer thread never waits for its own queue.
 */
public final class AsyncEventWriter implements EventSink, WriterStatsProvider, AutoCloseable {

	private static final System.Logger logger = System.getLogger(AsyncEventWriter.class.getName());

	private static final int BATCH = 1024;

	private static final AtomicLong PROCESS_SEQUENCE = new AtomicLong();

	/** Batches handed to exporters: large enough that a system call per batch costs nothing measurable. */
	private static final int FLUSH_BYTES = 256 * 1024;

	private static final int BUFFER_BYTES = FLUSH_BYTES + 8192;

	private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How often, while events flow, the clock is compared with the wall clock ({@link NanoClock#synchronize()}). */
	private static final long CLOCK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How long the writer sleeps while no event comes: exporters get {@code flush()} this often. */
	private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/**
	 * How long the writer sleeps after a batch while events keep coming, unless the queue fills to
	 * {@link #lingerWakeAt}: the events of that time go out as one batch. Woken by the first event instead,
	 * the writer woke and wrote for every few events of a request (5–7 times per request of the end-to-end
	 * application), and each wake-up cost the application thread a system call and the other core a
	 * context switch: more CPU per request than the writer's encoding itself. And each wake-up finds the
	 * writer's code and tables evicted by the application's threads: lingering 10 ms, the writer spent
	 * 230–330 µs of CPU per request of that application (37 events), lingering 50–200 ms 90–145 µs.
	 */
	static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** {@link #LINGER_NANOS}, unless a test sets another. */
	private long lingerNanos = LINGER_NANOS;

	/** The writer is awake: producers leave it alone. */
	private static final int AWAKE = 0;

	/** The writer sleeps for want of events: the next producer wakes it. */
	private static final int IDLE = 1;

	/** The writer lingers after a batch: a producer wakes it only once the queue holds {@link #lingerWakeAt}. */
	private static final int LINGERING = 2;

	/** How long a blocked producer waits before it looks again, should a wake-up be missed. */
	private static final long ROOM_WAIT_MILLIS = 10;

	/** {@link #stallTimeout(long)} unless set. */
	static final long DEFAULT_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final EventRing ring;

	private final int capacity;

	private final OverflowPolicy overflow;

	private final List<EventExporter> exporters;

	private final EventEncoder encoder;

	private final NanoClock clock;

	private final LongAdder droppedQueueFull = new LongAdder();

	private final LongAdder droppedShutdown = new LongAdder();

	/**
	 * Guards the writer's state below: held by the writer thread per batch, and by writes after close. This and
	 * the other locks here are {@code java.util.concurrent} locks, not monitors: an application's virtual thread
	 * that waits for one unmounts from its carrier on every JDK from 21 on (a monitor pins it before JDK 24).
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private final List<TelemetryEvent> batch = new ArrayList<>(BATCH);

	private List<Delivery> deliveries = List.of();

	private volatile Thread thread;

	private volatile boolean closed;

	/** Set by the writer thread between its last two drains: a producer that sees it writes its own event. */
	private volatile boolean drained;

	private volatile boolean stopped;

	/** How the writer thread sleeps, if it does ({@link #AWAKE}, {@link #IDLE}, {@link #LINGERING}). */
	private volatile int sleeping;

	/** A lingering writer is woken when the queue holds this many events: long before it is full. */
	private final int lingerWakeAt;

	/** Whether the writer's next sleep is a linger: it wrote events since its last sleep. Writer thread only. */
	private boolean lingerNext;

	/** Held while producers of {@code overflow=block} wait for {@link #room}; only when the queue is full. */
	private final ReentrantLock roomLock = new ReentrantLock();

	/** Where producers of {@code overflow=block} wait for room. */
	private final Condition room = this.roomLock.newCondition();

	private volatile int waitingForRoom;

	/** See {@link #stallTimeout(long)}. */
	private volatile long stallNanos = DEFAULT_STALL_NANOS;

	/**
	 * Set by a producer of {@code overflow=block} that found the queue full while an exporter's call had not
	 * returned for {@link #stallNanos} (the output hangs); while set, producers drop and count instead of
	 * waiting. Cleared by the writer as soon as it takes events again.
	 */
	private volatile boolean stalled;

	/**
	 * {@code nanoTime} when the writer thread entered an exporter's call that has not returned yet, or
	 * {@code 0}: how long its output has been hanging, for the stall timeout.
	 */
	private volatile long outputSince;

	/**
	 * Ring positions whose events the writer has encoded and handed to every exporter (or lost, counted): what
	 * {@link #flush(long)} waits for. Written by the writer thread after each delivery.
	 */
	private volatile long deliveredPosition;

	/** Held while {@link #flush(long)} waits for {@link #flushed}. */
	private final ReentrantLock flushLock = new ReentrantLock();

	/** Where {@link #flush(long)} waits; signalled after a delivery while {@link #flushWaiters} is positive. */
	private final Condition flushed = this.flushLock.newCondition();

	private volatile int flushWaiters;

	/** See {@link #flushWhenRootsEnd(long)}: 0 leaves {@link #rootEnded()} doing nothing. */
	private volatile long rootFlushMillis;

	/** Events dropped while {@link #stalled}, for the line that says the writer moves again. */
	private final LongAdder droppedWhileStalled = new LongAdder();

	private volatile long shutdownTimeoutMillis = 10_000;

	/** {@code nanoTime} at which the shutdown that {@link #close(long)} began stops waiting for the writer. */
	private volatile long closeDeadline;

	private int retryBufferBytes = 4 * 1024 * 1024;

	/** The counter of {@link #sequence(AtomicLong)}, or {@code null} to number from {@link Progress#sequence}. */
	private @Nullable AtomicLong sharedSequence;

	/** Events written without passing through the queue: the writer's own reports, events after close. */
	private volatile long unqueued;

	private volatile long failedEncoding;

	private volatile int restarts;

	private JsonWriter buffer = new JsonWriter(BUFFER_BYTES);

	/** What the writer thread changes per event, away from the fields every producer reads per offer. */
	private final Progress progress = new Progress();

	private volatile WrittenLineListener listener;

	private Losses reported = new Losses(0, 0, 0, 0);

	private long lastReport;

	private long lastEncodingWarning;

	/** When the writer next compares the clock with the wall clock ({@code nanoTime}). */
	private long nextClockCheck = System.nanoTime();

	private long encodingWarningsSuppressed;

	/**
	 * @param exporters where batches go; the first one's counters are the writer's {@code written} and I/O
	 * failures
	 * @param encoder the encoder, used by the writer thread only
	 * @param queueCapacity how many events the queue holds
	 * @param overflow what an application thread does when the queue is full
	 * @param clock the clock of the writer's own events, and of the events it writes: the writer compares it with
	 * the wall clock once a second while events flow and writes timestamps with its correction
	 */
	public AsyncEventWriter(List<? extends EventExporter> exporters, EventEncoder encoder, int queueCapacity,
			OverflowPolicy overflow, NanoClock clock) {
		if (exporters.isEmpty()) {
			throw new IllegalArgumentException("At least one exporter is needed");
		}
		this.exporters = List.copyOf(exporters);
		this.encoder = encoder;
		this.ring = new EventRing(queueCapacity);
		this.capacity = queueCapacity;
		this.lingerWakeAt = Math.max(1, Math.min(queueCapacity / 4, BATCH));
		this.overflow = overflow;
		this.clock = clock;
	}

	/**
	 * A writer with one exporter.
	 * @param exporter where batches go
	 * @param encoder the encoder
	 * @param queueCapacity how many events the queue holds
	 * @param overflow what an application thread does when the queue is full
	 * @param clock the clock of the writer's own events, and of the events it writes: the writer compares it with
	 * the wall clock once a second while events flow and writes timestamps with its correction
	 */
	public AsyncEventWriter(EventExporter exporter, EventEncoder encoder, int queueCapacity, OverflowPolicy overflow,
			NanoClock clock) {
		this(List.of(exporter), encoder, queueCapacity, overflow, clock);
	}

	/**
	 * Sets how long {@link #close()} waits for queued events to be written, in all: events emitted after it
	 * began wait at most what is left of it.
	 * @param millis the timeout in milliseconds
	 * @return this writer
	 */
	public AsyncEventWriter shutdownTimeout(long millis) {
		this.shutdownTimeoutMillis = millis;
		return this;
	}

	/**
	 * Sets how long producers of {@code overflow=block} wait for room in a full queue while an exporter's call
	 * does not return: a writer whose output hangs (a disk or network file system that stopped answering, an
	 * exporter that blocks) must not hang the application. Past it, producers stop waiting: every event that
	 * finds the queue full is dropped and counted ({@code losses.queueFull}) until the writer takes events
	 * again. A writer that is slow but moving keeps the producers waiting, as {@code block} promises, and so
	 * does one waiting for metadata at start-up ({@code metadata-wait}), which is bounded.
	 * @param millis the timeout in milliseconds, at least 1
	 * @return this writer
	 */
	public AsyncEventWriter stallTimeout(long millis) {
		this.stallNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
		return this;
	}

	/**
	 * Sets how long the writer lingers after a batch (tests). Call before {@link #start()}.
	 * @param nanos the linger
	 * @return this writer
	 */
	AsyncEventWriter lingerNanos(long nanos) {
		this.lingerNanos = nanos;
		return this;
	}

	/** Whether the writer lingers after a batch right now (tests). */
	boolean lingering() {
		return this.sleeping == LINGERING;
	}

	/** Whether the writer sleeps for want of events right now (tests). */
	boolean sleepsForWantOfEvents() {
		return this.sleeping == IDLE;
	}

	/**
	 * Sets how many bytes of encoded events are kept for each exporter while it cannot write. Call before
	 * {@link #start()}.
	 * @param bytes the bound
	 * @return this writer
	 */
	public AsyncEventWriter retryBuffer(int bytes) {
		this.retryBufferBytes = bytes;
		return this;
	}

	/**
	 * Numbers events from a counter shared by every writer of the process that is given it, instead of from
	 * this writer's own: the {@code sequence} is then per process, as the specification asks, also when an
	 * application context is closed and a new one started in the same JVM (Spring Boot DevTools' restart) or
	 * several run at once (a test suite's cached contexts): every number appears once, and one writer's
	 * numbers follow on from the last one's. A line not written (its encoding failed) gives its number back
	 * unless another writer took one since, so a writer alone in its process still numbers without gaps. Call
	 * before {@link #start()}.
	 * @param sequence the last number taken in the process (see {@link #processSequence()})
	 * @return this writer
	 */
	public AsyncEventWriter sequence(AtomicLong sequence) {
		this.sharedSequence = sequence;
		return this;
	}

	/** The sequence counter of this process (of the class loader that loaded this class, to be exact). */
	public static AtomicLong processSequence() {
		return PROCESS_SEQUENCE;
	}

	/**
	 * Sets who also receives each encoded line, such as the store of recent traces.
	 * @param listener the listener, or {@code null} for none
	 * @return this writer
	 */
	public AsyncEventWriter listener(WrittenLineListener listener) {
		this.listener = listener;
		return this;
	}

	/**
	 * Starts the writer thread.
	 * @return this writer
	 */
	public AsyncEventWriter start() {
		List<Delivery> created = new ArrayList<>();
		for (EventExporter exporter : this.exporters) {
			created.add(new Delivery(exporter, this.retryBufferBytes));
		}
		this.deliveries = List.copyOf(created);
		startThread();
		return this;
	}

	private void startThread() {
		Thread started = new Thread(this::run, "telemetry-writer");
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	@Override
	public void accept(TelemetryEvent event) {
		offer(event);
	}

	@Override
	public boolean offer(TelemetryEvent event) {
		if (this.closed) {
			return writeAfterClose(event);
		}
		if (this.ring.offer(event)) {
			return queued();
		}
		if (this.overflow == OverflowPolicy.DROP || Thread.currentThread() == this.thread) {
			this.droppedQueueFull.increment();
			return false;
		}
		return putBlocking(event);
	}

	/**
	 * Wakes the writer if it sleeps for want of events, or lingers and the queue has filled up. An event
	 * queued after the writer's final drain is written by this thread, with any other late ones.
	 */
	private boolean queued() {
		int sleeping = this.sleeping;
		if (sleeping != AWAKE && (sleeping == IDLE || this.ring.size() >= this.lingerWakeAt)) {
			this.sleeping = AWAKE;
			LockSupport.unpark(this.thread);
		}
		if (this.drained) {
			return writeQueuedAfterClose();
		}
		return true;
	}

	/**
	 * {@code overflow=block} and a full queue: the writer is the bottleneck, so wait for room, unless the
	 * writer's output has not returned for {@link #stallNanos} (see {@link #stallTimeout(long)}).
	 */
	private boolean putBlocking(TelemetryEvent event) {
		if (this.stalled) {
			return droppedWhileStalled();
		}
		boolean offered = false;
		try {
			this.roomLock.lock();
			try {
				this.waitingForRoom++;
				try {
					while (!this.closed && !this.stalled && !(offered = this.ring.offer(event))) {
						// reads the consumer's index as volatile: room made before it looked is seen
						if (this.ring.isFull()) {
							this.room.await(ROOM_WAIT_MILLIS, TimeUnit.MILLISECONDS);
							long since = this.outputSince;
							if (since != 0 && System.nanoTime() - since >= this.stallNanos) {
								stalled();
							}
						}
					}
				}
				finally {
					this.waitingForRoom--;
				}
			}
			finally {
				this.roomLock.unlock();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.droppedQueueFull.increment();
			return false;
		}
		if (offered) {
			return queued();
		}
		return this.closed ? writeAfterClose(event) : droppedWhileStalled();
	}

	private boolean droppedWhileStalled() {
		this.droppedQueueFull.increment();
		this.droppedWhileStalled.increment();
		return false;
	}

	/** The output hangs past the stall timeout: producers stop waiting (holding {@link #room}). */
	private void stalled() {
		if (this.stalled) {
			return;
		}
		this.stalled = true;
		this.room.signalAll();
		long millis = TimeUnit.NANOSECONDS.toMillis(this.stallNanos);
		try {
			logger.log(Level.WARNING, "The telemetry output has not returned for " + millis + " ms and the queue is "
					+ "full (a disk or network file system that hangs, or an exporter that blocks: "
					+ describeExporters() + "). Application threads no longer wait for the writer; events are "
					+ "dropped and counted (losses.queueFull) until it takes events again.");
		}
		catch (RuntimeException ex) {
			// a logging backend's failure must not reach the application's thread
		}
	}

	private String describeExporters() {
		StringBuilder text = new StringBuilder();
		for (EventExporter exporter : this.exporters) {
			text.append((text.length() > 0) ? ", " : "").append(exporter.describe());
		}
		return text.toString();
	}

	/** The writer took events again after a stall (writer thread). */
	private void movesAgain() {
		this.stalled = false;
		long dropped = this.droppedWhileStalled.sumThenReset();
		try {
			logger.log(Level.INFO, "The telemetry writer takes events again; " + dropped
					+ " events were dropped while its output did not return.");
		}
		catch (RuntimeException ex) {
			// the count is in losses.queueFull; a failing logging backend must not stop the writer here
		}
	}

	/** Wakes producers waiting for room; called by the consumer after it took events. */
	private void roomMade() {
		// the slots freed by the drain must be visible before waitingForRoom is read (Dekker)
		VarHandle.fullFence();
		if (this.waitingForRoom > 0) {
			this.roomLock.lock();
			try {
				this.room.signalAll();
			}
			finally {
				this.roomLock.unlock();
			}
		}
	}

	/**
	 * Waits for the writer thread to finish its final drain, until the shutdown timeout that {@link #close(long)}
	 * started runs out: the shutdown waits that long in all, not that long again for every event emitted late
	 * (with an output that hangs, each would otherwise hold its thread for the whole timeout).
	 */
	private boolean awaitWriterStopped() {
		Thread writer = this.thread;
		while (writer != null && !this.stopped && Thread.currentThread() != writer && writer.isAlive()) {
			long remaining = this.closeDeadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			try {
				writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			if (writer == this.thread) {
				break;
			}
			// a replacement took over while waiting
			writer = this.thread;
		}
		return this.stopped;
	}

	/**
	 * An event this thread queued after the writer's final drain may have missed it: once the writer
	 * stopped, this thread writes whatever is still queued. If the writer does not stop in time the event
	 * stays queued and is reported as pending.
	 */
	private boolean writeQueuedAfterClose() {
		if (awaitWriterStopped()) {
			this.lock.lock();
			try {
				writeAfterStop();
			}
			finally {
				this.lock.unlock();
			}
		}
		return true;
	}

	/**
	 * Events emitted after shutdown began (by other beans being destroyed) are written on the calling
	 * thread, once the writer thread has finished, so that nothing emitted during shutdown is lost.
	 */
	private boolean writeAfterClose(TelemetryEvent event) {
		if (!awaitWriterStopped()) {
			this.droppedShutdown.increment();
			return false;
		}
		this.lock.lock();
		try {
			this.unqueued++;
			encode(event);
			writeAfterStop();
		}
		finally {
			this.lock.unlock();
		}
		return true;
	}

	/** Writes what late producers queued, then closes the exporters again. Holds the lock. */
	private void writeAfterStop() {
		this.ring.drainAll(this.batch);
		writeBatch();
		long now = System.nanoTime();
		deliverBuffer(now);
		for (Delivery delivery : this.deliveries) {
			delivery.close(now);
		}
	}

	private void run() {
		try {
			loop();
		}
		catch (Throwable ex) {
			if (!this.stopped) {
				this.restarts++;
				// the successor first: reporting the death must not be able to prevent the takeover
				startThread();
				try {
					logger.log(Level.ERROR, "The telemetry writer thread died (" + Delivery.describe(ex)
							+ "); a new one takes over. Restarts so far: " + this.restarts);
				}
				catch (Throwable unreported) {
					// the logging backend failed too; the restart count still says it
				}
			}
		}
	}

	private void loop() throws InterruptedException {
		if (this.restarts > 0) {
			Thread.sleep(100);
		}
		this.lock.lock();
		try {
			recoverFromDeath();
		}
		finally {
			this.lock.unlock();
		}
		while (true) {
			boolean closing = this.closed;
			if (this.batch.isEmpty() && drain(BATCH) == 0) {
				if (closing) {
					finish();
					return;
				}
				if (this.buffer.length() > 0) {
					// nothing more to take now: what was encoded goes out before the writer sleeps
					this.lock.lock();
					try {
						deliverBuffer(System.nanoTime());
					}
					finally {
						this.lock.unlock();
					}
				}
				if (!awaitEvents()) {
					this.lock.lock();
					try {
						idle();
					}
					finally {
						this.lock.unlock();
					}
				}
				continue;
			}
			this.lock.lock();
			try {
				writeBatch();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Sleeps until close() is called or, after a batch, {@link #LINGER_NANOS} pass or the queue fills to
	 * {@link #lingerWakeAt}; with nothing written since the last sleep, until a producer queues an event or
	 * {@link #IDLE_NANOS} pass.
	 * @return whether there is something to take
	 */
	private boolean awaitEvents() {
		if (!this.ring.isEmpty()) {
			// a producer claimed a slot and has not yet published its event
			Thread.yield();
			return true;
		}
		boolean linger = this.lingerNext;
		this.sleeping = linger ? LINGERING : IDLE;
		try {
			// read after the flag is set (Dekker): a producer that did not see the flag is seen here
			if ((linger ? this.ring.size() < this.lingerWakeAt : this.ring.isEmpty()) && !this.closed) {
				LockSupport.parkNanos(this, linger ? this.lingerNanos : IDLE_NANOS);
			}
		}
		finally {
			this.sleeping = AWAKE;
		}
		// nobody but close() may stop the writer; an interrupt from elsewhere is ignored
		Thread.interrupted();
		boolean events = !this.ring.isEmpty();
		// events came while lingering: linger again; none came: the next sleep lasts until the first one
		this.lingerNext = events;
		return events;
	}

	private int drain(int max) {
		int drained = this.ring.drain(this.batch, max);
		if (drained > 0) {
			if (this.stalled) {
				movesAgain();
			}
			roomMade();
		}
		return drained;
	}

	/** A predecessor died: the event it was encoding is lost (counted), a half-encoded line removed. */
	private void recoverFromDeath() {
		this.ring.recover();
		if (this.progress.encoding) {
			this.progress.encoding = false;
			this.failedEncoding++;
		}
		int complete = this.buffer.length();
		byte[] bytes = this.buffer.buffer();
		while (complete > 0 && bytes[complete - 1] != '\n') {
			complete--;
		}
		this.buffer.truncate(complete);
	}

	private void finish() {
		this.lock.lock();
		try {
			writeBatch();
			this.drained = true;
			// every producer that claimed a slot before the flag was set is drained here; those after it
			// see the flag and write their events themselves once this thread has stopped
			this.ring.drainAll(this.batch);
			writeBatch();
			long now = System.nanoTime();
			reportLosses(true);
			deliverBuffer(now);
			for (Delivery delivery : this.deliveries) {
				delivery.close(now);
			}
			this.stopped = true;
			logFinalCounts();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void logFinalCounts() {
		WriterStats stats = stats();
		if (stats.losses().total() > 0) {
			logger.log(Level.WARNING, "Telemetry writer stopped: " + stats.emitted() + " events emitted, "
					+ stats.written() + " written, lost " + describe(stats.losses()));
		}
	}

	private void writeBatch() {
		followWallClock();
		Progress progress = this.progress;
		while (progress.batchIndex < this.batch.size()) {
			TelemetryEvent event = this.batch.get(progress.batchIndex++);
			encode(event);
		}
		this.batch.clear();
		progress.batchIndex = 0;
		reportLosses(false);
		long now = System.nanoTime();
		if (this.ring.isEmpty()) {
			// more events already queued go out with these (in one write, up to FLUSH_BYTES): under steady
			// traffic the queue refills while a batch is encoded, and a write per drain cost the writer thread
			// several system calls per wake-up
			deliverBuffer(now);
		}
		tickExporters(now);
	}

	/**
	 * Once a second while events flow, compares the clock with the wall clock, off the application's threads;
	 * the batch's events are written with the correction then in force (see {@link NanoClock#correctionNanos()}).
	 */
	private void followWallClock() {
		long now = System.nanoTime();
		try {
			if (now - this.nextClockCheck >= 0) {
				this.nextClockCheck = now + CLOCK_CHECK_NANOS;
				this.clock.synchronize();
			}
			this.encoder.clockCorrection(this.clock.correctionNanos());
		}
		catch (RuntimeException ex) {
			// an application's clock that fails keeps the last correction; the events are written all the same
		}
	}

	/** Lets each exporter retry and flush what is due ({@link Delivery#tick}), as output calls. */
	private void tickExporters(long now) {
		enterOutput(now);
		try {
			for (Delivery delivery : this.deliveries) {
				delivery.tick(now);
			}
		}
		finally {
			this.outputSince = 0;
		}
	}

	/**
	 * Marks the writer as inside an exporter's call, which may not return (a hung disk or network file
	 * system): producers that find the queue full measure the stall from here.
	 */
	private void enterOutput(long now) {
		this.outputSince = (now == 0) ? 1 : now;
	}

	/** Publishes how far the exporters have every event, and wakes {@link #flush(long)} callers. */
	private void delivered(long position) {
		if (position == this.deliveredPosition) {
			return;
		}
		this.deliveredPosition = position;
		if (this.flushWaiters > 0) {
			this.flushLock.lock();
			try {
				this.flushed.signalAll();
			}
			finally {
				this.flushLock.unlock();
			}
		}
	}

	/**
	 * Waits until every event offered before this call has been handed to the exporters (for the file: written
	 * to it, so that it survives the process being frozen or killed), at most {@code timeoutMillis}. Returns
	 * at once on the writer thread, once the writer is closing or while its output hangs (see
	 * {@link #stallTimeout(long)}).
	 * @param timeoutMillis the longest wait
	 * @return whether every such event was delivered
	 */
	public boolean flush(long timeoutMillis) {
		long target = this.ring.produced();
		if (this.deliveredPosition >= target) {
			return true;
		}
		Thread writer = this.thread;
		if (writer == null || Thread.currentThread() == writer || this.closed || this.stalled) {
			return false;
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.flushLock.lock();
		try {
			this.flushWaiters++;
			try {
				while (this.deliveredPosition < target && !this.closed && !this.stalled) {
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						return false;
					}
					// a lingering writer delivers as soon as it is woken and finds nothing more to take
					this.sleeping = AWAKE;
					LockSupport.unpark(this.thread);
					this.flushed.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.flushWaiters--;
			}
		}
		finally {
			this.flushLock.unlock();
		}
		return this.deliveredPosition >= target;
	}

	/**
	 * Makes {@link #rootEnded()} {@link #flush(long) flush}: the events of a request, job or function
	 * invocation are written before it returns, for platforms that freeze the process as soon as it does
	 * (AWS Lambda). Costs the application's thread the write of its events once per local root.
	 * @param timeoutMillis the longest wait per root, 0 to turn it off
	 * @return this writer
	 */
	public AsyncEventWriter flushWhenRootsEnd(long timeoutMillis) {
		this.rootFlushMillis = Math.max(0, timeoutMillis);
		return this;
	}

	@Override
	public void rootEnded() {
		long timeout = this.rootFlushMillis;
		if (timeout > 0) {
			flush(timeout);
		}
	}

	private void idle() {
		reportLosses(false);
		long now = System.nanoTime();
		deliverBuffer(now);
		tickExporters(now);
	}

	private void encode(TelemetryEvent event) {
		int mark = this.buffer.length();
		Progress progress = this.progress;
		progress.encoding = true;
		boolean encoded = false;
		AtomicLong shared = this.sharedSequence;
		long number = (shared != null) ? shared.incrementAndGet() : progress.sequence + 1;
		try {
			this.encoder.encode(event, number, this.buffer);
			progress.sequence = number;
			progress.pendingLines++;
			encoded = true;
		}
		catch (Throwable ex) {
			if (shared != null) {
				shared.compareAndSet(number, number - 1);
			}
			this.buffer.truncate(mark);
			this.failedEncoding++;
			warnEncodingFailed(event, ex);
		}
		finally {
			progress.encoding = false;
		}
		if (encoded) {
			notifyListener(event, mark);
		}
		if (this.buffer.length() >= FLUSH_BYTES) {
			deliverBuffer(System.nanoTime());
		}
	}

	private void notifyListener(TelemetryEvent event, int mark) {
		WrittenLineListener listener = this.listener;
		if (listener != null) {
			try {
				listener.written(event.span(), this.progress.sequence, this.buffer.buffer(), mark, this.buffer.length() - mark);
			}
			catch (Throwable ex) {
				// the line is written all the same: a listener never costs an event or the writer
				logger.log(Level.WARNING, "A listener of written telemetry lines failed: " + ex.getClass().getName());
			}
		}
	}

	private void warnEncodingFailed(TelemetryEvent event, Throwable ex) {
		long now = System.nanoTime();
		if (this.lastEncodingWarning != 0 && now - this.lastEncodingWarning < REPORT_INTERVAL_NANOS) {
			this.encodingWarningsSuppressed++;
			return;
		}
		this.lastEncodingWarning = now;
		String type;
		try {
			type = event.eventType();
		}
		catch (Throwable unreadable) {
			type = event.getClass().getName();
		}
		String more = (this.encodingWarningsSuppressed > 0)
				? " (" + this.encodingWarningsSuppressed + " more since the last warning)" : "";
		this.encodingWarningsSuppressed = 0;
		// the exception itself is not logged: its getMessage() or toString() may be what failed
		logger.log(Level.WARNING, "A telemetry event " + type + " could not be encoded and is counted as failed: "
				+ ex.getClass().getName() + more);
	}

	private void deliverBuffer(long now) {
		// every event taken so far is encoded into the buffer (or lost and counted): delivered below
		long taken = this.ring.consumed();
		if (this.buffer.length() == 0) {
			delivered(taken);
			return;
		}
		enterOutput(now);
		try {
			for (Delivery delivery : this.deliveries) {
				delivery.deliver(this.buffer.buffer(), 0, this.buffer.length(), this.progress.pendingLines, now);
			}
		}
		finally {
			this.outputSince = 0;
		}
		this.progress.pendingLines = 0;
		delivered(taken);
		if (this.buffer.buffer().length > 4 * BUFFER_BYTES) {
			// a large event grew it: give the memory back once it is out, not only when events stop coming,
			// which under steady traffic they never do
			this.buffer = new JsonWriter(BUFFER_BYTES);
		}
		else {
			this.buffer.reset();
		}
	}

	/** The bytes the writer's encoding buffer holds now; for tests. */
	int bufferCapacity() {
		return this.buffer.buffer().length;
	}

	private Losses losses() {
		Delivery primary = this.deliveries.isEmpty() ? null : this.deliveries.get(0);
		return new Losses(this.droppedQueueFull.sum(), this.droppedShutdown.sum(),
				(primary != null) ? primary.failed() : 0, this.failedEncoding);
	}

	/** Writes a {@code telemetry_dropped} event, at most once a second, when events were lost. */
	private void reportLosses(boolean force) {
		Losses now = losses();
		long nanos = System.nanoTime();
		if (now.total() <= this.reported.total()
				|| (!force && this.lastReport != 0 && nanos - this.lastReport < REPORT_INTERVAL_NANOS)) {
			return;
		}
		Losses since = new Losses(now.queueFull() - this.reported.queueFull(),
				now.shutdown() - this.reported.shutdown(), now.io() - this.reported.io(),
				now.encoding() - this.reported.encoding());
		this.reported = now;
		this.lastReport = nanos;
		try {
			long timestamp = this.clock.epochNanos();
			TelemetryEvent report = GenericEvent.builder(EventTypes.TELEMETRY_DROPPED, timestamp)
				.severity(Severity.WARN)
				.span(new SpanFactory(this.clock).start(null, null, "tel", null))
				.message("Telemetry lost " + since.total() + " events: " + describe(since))
				.attribute("telemetry.dropped.count", since.total())
				.attribute("telemetry.dropped.total", now.total())
				.attribute("telemetry.dropped.queue_full", since.queueFull())
				.attribute("telemetry.dropped.io", since.io())
				.attribute("telemetry.dropped.encoding", since.encoding())
				.attribute("telemetry.dropped.shutdown", since.shutdown())
				.build();
			this.unqueued++;
			encode(report);
		}
		catch (Throwable ex) {
			logger.log(Level.WARNING, "Telemetry lost " + since.total() + " events: " + describe(since));
		}
	}

	private String describe(Losses losses) {
		return losses.queueFull() + " because the queue of " + this.capacity + " was full, " + losses.io()
				+ " to output errors, " + losses.encoding() + " that could not be encoded, " + losses.shutdown()
				+ " emitted too late in shutdown";
	}

	/**
	 * Stops accepting events, writes everything already accepted and closes the exporters.
	 * @param timeoutMillis how long to wait for the queue to drain
	 */
	public void close(long timeoutMillis) {
		this.shutdownTimeoutMillis = timeoutMillis;
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.closeDeadline = deadline;
		this.closed = true;
		LockSupport.unpark(this.thread);
		this.roomLock.lock();
		try {
			this.room.signalAll();
		}
		finally {
			this.roomLock.unlock();
		}
		// a replacement thread may take over while waiting
		Thread writer = this.thread;
		while (writer != null && !this.stopped && System.nanoTime() < deadline) {
			try {
				writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			writer = this.thread;
		}
	}

	@Override
	public void close() {
		close(this.shutdownTimeoutMillis);
	}

	@Override
	public WriterStats stats() {
		// read what the writer finished first, what is waiting last: a race overstates pending, never hides
		Losses losses = losses();
		Delivery primary = this.deliveries.isEmpty() ? null : this.deliveries.get(0);
		long written = (primary != null) ? primary.written() : 0;
		int queueDepth = this.ring.size();
		long emitted = this.ring.produced() + this.unqueued + losses.queueFull() + losses.shutdown();
		long dropped = losses.queueFull() + losses.shutdown();
		long failed = losses.io() + losses.encoding();
		Thread writer = this.thread;
		List<WriterStats.ExporterStats> exporterStats = this.deliveries.stream().map(Delivery::stats).toList();
		return new WriterStats(this.exporters.get(0).describe(), writer != null && writer.isAlive() && !this.stopped,
				this.stalled,
				emitted, written, dropped, failed, Math.max(0, emitted - written - dropped - failed), queueDepth,
				this.capacity, losses, (primary != null) ? primary.lastError() : null, exporterStats);
	}

	/**
	 * The writer thread's per-event state, in an object of its own: kept in the writer's fields, the
	 * writes of every event shared a cache line with the flags and references every producer reads per
	 * offer ({@code closed}, {@code sleeping}, {@code drained}, {@code ring}), and each offer paid a cache
	 * miss while the writer was busy. The leading fields keep it off the line of whatever was allocated
	 * just before it (the writer itself).
	 */
	@SuppressWarnings("unused")
	private static final class Progress {

		// an int first: the layout puts one in the gap after the object's header, ahead of the padding
		private int p00;

		private long p01, p02, p03, p04, p05, p06, p07, p08;

		/** The sequence number of the last line encoded. */
		long sequence;

		/** The next event of {@code batch} to encode. */
		int batchIndex;

		/** Lines encoded into the buffer and not yet delivered. */
		int pendingLines;

		/** Whether an event is being encoded: a writer that dies meanwhile has lost it. */
		boolean encoding;

	}

}
