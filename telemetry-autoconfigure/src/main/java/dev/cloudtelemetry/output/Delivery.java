package dev.cloudtelemetry.output;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

import dev.cloudtelemetry.output.WriterStats.ExporterStats;

/**
 * Hands batches to one exporter and keeps what it could not write: up to a bound of bytes, whole lines
 * only, retried once a second in the order they were encoded. One WARN when an outage starts, one INFO
 * when it ends. Used by the writer thread only; the counters are read by others.
 */
final class Delivery {

	private static final System.Logger logger = System.getLogger(AsyncEventWriter.class.getName());

	static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final int KEEP_BUFFER_BYTES = 256 * 1024;

	private final EventExporter exporter;

	private final int retryLimit;

	private byte[] retry = new byte[0];

	private int retryLength;

	private int retryLines;

	private long failingSince = -1;

	private long nextAttempt;

	private long lostInOutage;

	private volatile long written;

	private volatile long failed;

	private volatile int retrying;

	private volatile String lastError;

	Delivery(EventExporter exporter, int retryLimitBytes) {
		this.exporter = exporter;
		this.retryLimit = retryLimitBytes;
	}

	EventExporter exporter() {
		return this.exporter;
	}

	long written() {
		return this.written;
	}

	long failed() {
		return this.failed;
	}

	int retrying() {
		return this.retrying;
	}

	String lastError() {
		return this.lastError;
	}

	ExporterStats stats() {
		return new ExporterStats(this.exporter.describe(), this.written, this.failed, this.retrying, this.lastError);
	}

	/**
	 * Writes a batch, or keeps it when the exporter is failing or fails now.
	 */
	void deliver(byte[] lines, int offset, int length, int count, long now) {
		if (this.failingSince >= 0) {
			keep(lines, offset, length, count);
			if (now - this.nextAttempt >= 0) {
				retry(now);
			}
			return;
		}
		try {
			this.exporter.export(lines, offset, length);
			this.written += count;
		}
		catch (Throwable ex) {
			outage(ex, now);
			keep(lines, offset, length, count);
		}
	}

	/**
	 * Retries what was kept when it is time, otherwise flushes the exporter.
	 */
	void tick(long now) {
		if (this.failingSince >= 0) {
			if (now - this.nextAttempt >= 0) {
				retry(now);
			}
			return;
		}
		try {
			this.exporter.flush();
		}
		catch (Throwable ex) {
			this.lastError = cannotWrite(ex);
		}
	}

	/**
	 * Last attempt for what was kept, then closes the exporter; what is still kept is counted as failed.
	 */
	void close(long now) {
		if (this.retryLines > 0) {
			retry(now);
		}
		if (this.retryLines > 0) {
			this.failed += this.retryLines;
			this.lostInOutage += this.retryLines;
			logger.log(Level.WARNING, "Telemetry output " + this.exporter.describe() + " was still failing at shutdown; "
					+ this.retryLines + " kept events are lost");
			clearRetry();
		}
		try {
			this.exporter.flush();
			this.exporter.close();
		}
		catch (Throwable ex) {
			this.lastError = cannotWrite(ex);
		}
	}

	private void retry(long now) {
		try {
			this.exporter.export(this.retry, 0, this.retryLength);
			this.written += this.retryLines;
			recovered(now);
		}
		catch (Throwable ex) {
			this.lastError = cannotWrite(ex);
			this.nextAttempt = now + RETRY_AFTER_NANOS;
		}
	}

	private void keep(byte[] lines, int offset, int length, int count) {
		int needed = this.retryLength + length;
		if (needed > this.retry.length) {
			byte[] grown = new byte[Math.max(needed, Math.min(this.retry.length * 2, this.retryLimit + length))];
			System.arraycopy(this.retry, 0, grown, 0, this.retryLength);
			this.retry = grown;
		}
		System.arraycopy(lines, offset, this.retry, this.retryLength, length);
		this.retryLength += length;
		this.retryLines += count;
		evictBeyondLimit();
		this.retrying = this.retryLines;
	}

	/** Abandons the oldest whole lines until what is kept fits the limit. */
	private void evictBeyondLimit() {
		if (this.retryLength <= this.retryLimit) {
			return;
		}
		int cut = 0;
		int lines = 0;
		while (this.retryLength - cut > this.retryLimit && cut < this.retryLength) {
			int end = cut;
			while (end < this.retryLength && this.retry[end] != '\n') {
				end++;
			}
			cut = Math.min(end + 1, this.retryLength);
			lines++;
		}
		System.arraycopy(this.retry, cut, this.retry, 0, this.retryLength - cut);
		this.retryLength -= cut;
		this.retryLines -= lines;
		this.failed += lines;
		this.lostInOutage += lines;
	}

	private void outage(Throwable ex, long now) {
		this.failingSince = now;
		this.nextAttempt = now + RETRY_AFTER_NANOS;
		this.lostInOutage = 0;
		this.lastError = cannotWrite(ex);
		logger.log(Level.WARNING, "Telemetry output " + this.exporter.describe() + " cannot be written ("
				+ describe(ex) + "); up to " + this.retryLimit + " bytes of events are kept and retried every second, "
				+ "older ones are counted as failed. The application is not affected.");
	}

	private void recovered(long now) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(now - this.failingSince);
		logger.log(Level.INFO, "Telemetry output " + this.exporter.describe() + " is writable again after " + seconds
				+ " s; " + this.retryLines + " kept events were written, " + this.lostInOutage + " were lost");
		this.failingSince = -1;
		clearRetry();
	}

	private void clearRetry() {
		this.retryLength = 0;
		this.retryLines = 0;
		this.retrying = 0;
		if (this.retry.length > KEEP_BUFFER_BYTES) {
			this.retry = new byte[0];
		}
	}

	private String cannotWrite(Throwable ex) {
		return "cannot write to " + this.exporter.describe() + " (" + describe(ex) + ")";
	}

	static String describe(Throwable ex) {
		String message;
		try {
			message = ex.getMessage();
		}
		catch (Throwable unreadable) {
			message = null;
		}
		return (message != null) ? ex.getClass().getSimpleName() + ": " + message : ex.getClass().getName();
	}

}
