package dev.cloudtelemetry.output;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Writes events on a thread of its own. Application threads only put events into a bounded queue; the
 * writer thread numbers them ({@code sequence}), encodes them into one reused buffer and writes whole
 * lines in batches. An output that fails is reported once and retried later; the events meanwhile are
 * counted as failed, and the application never sees an exception.
 */
public final class AsyncEventWriter implements EventSink, AutoCloseable {

	private static final System.Logger logger = System.getLogger(AsyncEventWriter.class.getName());

	private static final int BATCH = 1024;

	private static final int FLUSH_BYTES = 64 * 1024;

	private static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ArrayBlockingQueue<TelemetryEvent> queue;

	private final int capacity;

	private final OverflowPolicy overflow;

	private final OutputTarget target;

	private final EventEncoder encoder;

	private final NanoClock clock;

	private final Thread thread;

	private final LongAdder dropped = new LongAdder();

	private final JsonWriter buffer = new JsonWriter(FLUSH_BYTES + 8192);

	private volatile boolean closed;

	private volatile long shutdownTimeoutMillis = 10_000;

	private volatile boolean running;

	private volatile long written;

	private volatile long failed;

	private volatile String lastError;

	private volatile WrittenLineListener listener;

	private long sequence;

	private int pendingLines;

	private long failingSince = -1;

	private long droppedReported;

	private long lastDropReport;

	public AsyncEventWriter(OutputTarget target, EventEncoder encoder, int queueCapacity, OverflowPolicy overflow,
			NanoClock clock) {
		this.target = target;
		this.encoder = encoder;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.capacity = queueCapacity;
		this.overflow = overflow;
		this.clock = clock;
		this.thread = new Thread(this::run, "telemetry-writer");
		this.thread.setDaemon(true);
	}

	/**
	 * Sets how long {@link #close()} waits for queued events to be written.
	 * @param millis the timeout in milliseconds
	 * @return this writer
	 */
	public AsyncEventWriter shutdownTimeout(long millis) {
		this.shutdownTimeoutMillis = millis;
		return this;
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
		this.running = true;
		this.thread.start();
		return this;
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
		if (this.queue.offer(event)) {
			return true;
		}
		if (this.overflow == OverflowPolicy.DROP) {
			this.dropped.increment();
			return false;
		}
		return putBlocking(event);
	}

	private boolean putBlocking(TelemetryEvent event) {
		try {
			while (!this.queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
				if (this.closed || !this.running) {
					this.dropped.increment();
					return false;
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.dropped.increment();
			return false;
		}
	}

	/**
	 * Events emitted after shutdown began (by other beans being destroyed) are written on the calling
	 * thread, once the writer thread has finished, so that nothing emitted during shutdown is lost.
	 */
	private boolean writeAfterClose(TelemetryEvent event) {
		if (this.thread.isAlive() && Thread.currentThread() != this.thread) {
			try {
				this.thread.join(this.shutdownTimeoutMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.thread.isAlive()) {
			this.dropped.increment();
			return false;
		}
		synchronized (this.buffer) {
			encode(event);
			writeBuffer();
			try {
				this.target.flush();
				this.target.close();
			}
			catch (IOException ex) {
				outputFailed(ex);
			}
		}
		return true;
	}

	private void run() {
		List<TelemetryEvent> batch = new ArrayList<>(BATCH);
		try {
			while (true) {
				if (this.queue.drainTo(batch, BATCH) == 0) {
					if (this.closed) {
						break;
					}
					TelemetryEvent next = this.queue.poll(200, TimeUnit.MILLISECONDS);
					if (next == null) {
						reportDrops();
						flush();
						continue;
					}
					batch.add(next);
					this.queue.drainTo(batch, BATCH - 1);
				}
				writeBatch(batch);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Telemetry writer stopped unexpectedly; events will be dropped", ex);
		}
		finally {
			synchronized (this.buffer) {
				this.queue.drainTo(batch);
				writeBatch(batch);
				reportDrops(true);
				writeBuffer();
				try {
					this.target.close();
				}
				catch (IOException ex) {
					outputFailed(ex);
				}
				this.running = false;
			}
		}
	}

	private void writeBatch(List<TelemetryEvent> batch) {
		for (TelemetryEvent event : batch) {
			encode(event);
		}
		batch.clear();
		reportDrops();
		flush();
	}

	private void encode(TelemetryEvent event) {
		int mark = this.buffer.length();
		try {
			this.encoder.encode(event, this.sequence + 1, this.buffer);
			this.sequence++;
			this.pendingLines++;
			notifyListener(event, mark);
		}
		catch (RuntimeException ex) {
			this.buffer.truncate(mark);
			this.failed++;
			logger.log(Level.WARNING, "Could not encode telemetry event " + event.eventType() + ": " + ex, ex);
		}
		if (this.buffer.length() >= FLUSH_BYTES) {
			writeBuffer();
		}
	}

	private void notifyListener(TelemetryEvent event, int mark) {
		WrittenLineListener listener = this.listener;
		if (listener != null) {
			try {
				listener.written(event.span(), this.sequence, this.buffer.buffer(), mark, this.buffer.length() - mark);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A listener of written telemetry lines failed: " + ex, ex);
			}
		}
	}

	private void reportDrops() {
		reportDrops(false);
	}

	private void reportDrops(boolean force) {
		long total = this.dropped.sum();
		long now = this.clock.epochNanos();
		if (total > this.droppedReported && (force || now - this.lastDropReport >= DROP_REPORT_INTERVAL_NANOS)) {
			long count = total - this.droppedReported;
			this.droppedReported = total;
			this.lastDropReport = now;
			encode(GenericEvent.builder(EventTypes.TELEMETRY_DROPPED, now)
				.severity(Severity.WARN)
				.span(new SpanFactory(this.clock).start(null, null, "tel", null))
				.message("Telemetry dropped " + count + " events: the queue of " + this.capacity + " was full")
				.attribute("telemetry.dropped.count", count)
				.attribute("telemetry.dropped.total", total)
				.build());
		}
	}

	private void flush() {
		writeBuffer();
		if (this.failingSince < 0) {
			try {
				this.target.flush();
			}
			catch (IOException ex) {
				outputFailed(ex);
			}
		}
	}

	private void writeBuffer() {
		if (this.buffer.length() == 0) {
			return;
		}
		int lines = this.pendingLines;
		try {
			if (this.failingSince >= 0 && System.nanoTime() - this.failingSince < RETRY_AFTER_NANOS) {
				this.failed += lines;
			}
			else {
				this.target.write(this.buffer.buffer(), 0, this.buffer.length());
				this.written += lines;
				outputRecovered();
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failed += lines;
			outputFailed(ex);
		}
		finally {
			this.buffer.reset();
			this.pendingLines = 0;
		}
	}

	private void outputFailed(Exception ex) {
		String reason = (ex.getMessage() != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage()
				: ex.getClass().getName();
		boolean firstFailure = this.failingSince < 0;
		this.failingSince = System.nanoTime();
		this.lastError = "cannot write to " + this.target.describe() + " (" + reason + ")";
		if (firstFailure) {
			logger.log(Level.WARNING, "Telemetry output " + this.target.describe() + " cannot be written ("
					+ reason + "); events are counted as failed and the output is retried every "
					+ TimeUnit.NANOSECONDS.toSeconds(RETRY_AFTER_NANOS) + " s. The application is not affected.");
		}
	}

	private void outputRecovered() {
		if (this.failingSince >= 0) {
			this.failingSince = -1;
			logger.log(Level.INFO, "Telemetry output " + this.target.describe() + " is writable again");
		}
	}

	/**
	 * Stops accepting events, writes everything already accepted and closes the output.
	 * @param timeoutMillis how long to wait for the queue to drain
	 */
	public void close(long timeoutMillis) {
		this.shutdownTimeoutMillis = timeoutMillis;
		this.closed = true;
		if (this.thread.isAlive()) {
			try {
				this.thread.join(timeoutMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		close(this.shutdownTimeoutMillis);
	}

	public WriterStats stats() {
		return new WriterStats(this.target.describe(), this.running, this.written, this.dropped.sum(), this.failed,
				this.queue.size(), this.capacity, this.lastError);
	}

}
