package dev.cloudtelemetry.output.otlp;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Sends one batch to the collector until it takes it, rejects it, or shutdown gives up: between attempts it
 * waits as long as the collector's {@code Retry-After} asks, otherwise an exponential backoff with jitter.
 * Keeps the state shown at the endpoint (last success, last error, whether it is retrying). Used by the
 * exporter thread; {@link #closing(long)} and the getters may be called from any thread.
 */
final class SpanSender {

	/** What became of a batch. */
	enum Outcome {

		/** The collector accepted it. */
		EXPORTED,

		/** The collector refused it with an answer a retry cannot change. */
		REJECTED,

		/** Shutdown came before the collector took it. */
		GAVE_UP

	}

	/** A collector asking for a longer pause than this is asked again after this long. */
	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

	private static final System.Logger logger = System.getLogger(OtlpExporter.class.getName());

	private final SpanExporter delegate;

	private final OtlpExportSettings settings;

	private final Clock clock;

	private final String waiting;

	private final Object sleep = new Object();

	private volatile boolean closing;

	private volatile long closeDeadline;

	private volatile boolean retrying;

	private volatile @Nullable Instant lastSuccess;

	/** {@link System#nanoTime()} of the last success, meaningful once {@link #lastSuccess} is set. */
	private volatile long lastSuccessNanos;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	/**
	 * @param waiting what happens to new spans while a batch is retried, for the log
	 */
	SpanSender(SpanExporter delegate, OtlpExportSettings settings, Clock clock, String waiting) {
		this.delegate = delegate;
		this.settings = settings;
		this.clock = clock;
		this.waiting = waiting;
	}

	Outcome send(List<SpanData> batch) throws InterruptedException {
		return finish(begin(batch));
	}

	/**
	 * Starts the first attempt to send a batch and returns without waiting for the collector's answer, so that
	 * the exporter thread can map the next batch meanwhile; {@link #finish} waits for the answer (and retries).
	 * Past shutdown's deadline nothing is sent: each attempt could take the whole timeout, and the exporter
	 * thread must be done (every span counted) when closing returns.
	 */
	InFlight begin(List<SpanData> batch) {
		return pastDeadline() ? new InFlight(batch, null, null, false, System.nanoTime()) : attempt(batch);
	}

	/**
	 * Waits for the answer to a batch's attempt, then sends it again until the collector takes it, rejects it,
	 * or shutdown gives up.
	 */
	Outcome finish(InFlight flight) throws InterruptedException {
		if (!flight.started()) {
			return Outcome.GAVE_UP;
		}
		ExportFailure failure = answer(flight);
		if (failure != null && failure.retryable() && this.lastSuccess != null
				&& flight.beganNanos() - this.lastSuccessNanos < 0 && !pastDeadline()) {
			// sent before a later batch went through (several on the wire during an outage): the collector is
			// back, so this is no new outage to report: once more at once
			failure = answer(attempt(flight.batch()));
		}
		for (int attempt = 0;; attempt++) {
			if (failure == null) {
				this.lastSuccessNanos = System.nanoTime();
				this.lastSuccess = this.clock.instant();
				if (this.retrying) {
					logger.log(Level.INFO, "OTLP export to " + this.settings.endpoint() + " works again after "
							+ attempt + " retries");
				}
				this.retrying = false;
				return Outcome.EXPORTED;
			}
			failed(failure.words());
			if (!failure.retryable()) {
				logger.log(Level.WARNING, "OTLP export to " + this.settings.endpoint() + " rejected "
						+ flight.batch().size() + " spans: " + failure.words());
				return Outcome.REJECTED;
			}
			if (!this.retrying) {
				this.retrying = true;
				logger.log(Level.WARNING, "OTLP export to " + this.settings.endpoint() + " failed (" + failure.words()
						+ "); retrying with backoff, " + this.waiting + ". The application is not affected.");
			}
			pause(waitNanos(attempt, failure.retryAfter()));
			if (pastDeadline()) {
				return Outcome.GAVE_UP;
			}
			failure = answer(attempt(flight.batch()));
		}
	}

	private InFlight attempt(List<SpanData> batch) {
		long began = System.nanoTime();
		try {
			return new InFlight(batch, this.delegate.export(batch), null, true, began);
		}
		catch (RuntimeException ex) {
			return new InFlight(batch, null, ex, true, began);
		}
	}

	private @Nullable ExportFailure answer(InFlight flight) {
		CompletableResultCode result = flight.result();
		if (result == null) {
			return ExportFailure.of(flight.thrown());
		}
		result.join(this.settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			return ExportFailure.timedOut(this.settings.timeout().toMillis());
		}
		return result.isSuccess() ? null : ExportFailure.of(result.getFailureThrowable());
	}

	/**
	 * A batch on its way to the collector.
	 *
	 * @param batch the spans
	 * @param result the official exporter's answer to come, or {@code null} when the attempt threw or none started
	 * @param thrown what the official exporter threw instead of answering, or {@code null}
	 * @param started whether an attempt started (none does past shutdown's deadline)
	 * @param beganNanos {@link System#nanoTime()} when the attempt began
	 */
	record InFlight(List<SpanData> batch, @Nullable CompletableResultCode result, @Nullable RuntimeException thrown,
			boolean started, long beganNanos) {

	}

	/**
	 * The collector's {@code Retry-After} (at most {@link #MAX_RETRY_AFTER}) when it sent one, but never less than
	 * the backoff: {@code Retry-After: 0}, or an HTTP-date already past by clock skew, must not make the retries a
	 * busy loop against a collector that is down.
	 */
	long waitNanos(int attempt, @Nullable Duration retryAfter) {
		long backoff = backoffNanos(attempt);
		if (retryAfter != null) {
			return Math.max(backoff, Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER.toNanos()));
		}
		return backoff;
	}

	/** Exponential backoff with jitter: a random wait between half and all of initial × 2^attempt, capped. */
	long backoffNanos(int attempt) {
		long initial = this.settings.initialBackoff().toNanos();
		long max = this.settings.maxBackoff().toNanos();
		long exponential = (attempt >= 30) ? max : Math.min(max, initial << attempt);
		return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
	}

	/** Waits, cut short by shutdown's deadline; returns at once when shutdown has no time left. */
	void pause(long nanos) throws InterruptedException {
		long until = System.nanoTime() + nanos;
		synchronized (this.sleep) {
			long left;
			while ((left = until - System.nanoTime()) > 0) {
				if (this.closing && until - this.closeDeadline > 0) {
					until = this.closeDeadline;
					continue;
				}
				TimeUnit.NANOSECONDS.timedWait(this.sleep, left);
			}
		}
	}

	/** Shutdown began: waits end by {@code deadlineNanos} ({@link System#nanoTime()}). */
	void closing(long deadlineNanos) {
		this.closeDeadline = deadlineNanos;
		this.closing = true;
		wake();
	}

	boolean isClosing() {
		return this.closing;
	}

	/** Whether shutdown's deadline has passed. */
	boolean pastDeadline() {
		return this.closing && System.nanoTime() - this.closeDeadline >= 0;
	}

	void wake() {
		synchronized (this.sleep) {
			this.sleep.notifyAll();
		}
	}

	void failed(String words) {
		this.lastError = words;
		this.lastErrorAt = this.clock.instant();
	}

	boolean retrying() {
		return this.retrying;
	}

	@Nullable Instant lastSuccess() {
		return this.lastSuccess;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Nullable Instant lastErrorAt() {
		return this.lastErrorAt;
	}

	/**
	 * Shutdown: lets the exporter thread send for up to the shutdown timeout, then shuts the OTLP exporter
	 * down.
	 * @param thread the exporter thread, which ends once it is done
	 * @param wake wakes the thread if it waits for work
	 */
	void stop(Thread thread, Runnable wake) {
		closing(System.nanoTime() + this.settings.shutdownTimeout().toNanos());
		wake.run();
		try {
			thread.join(this.settings.shutdownTimeout().toMillis() + this.settings.timeout().toMillis() + 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.delegate.shutdown().join(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The exporter's snapshot, with this sender's state. */
	OtlpExportStats stats(boolean running, long produced, long exported, Map<String, Long> dropped, int backlog,
			int openSpans, long evictedEntries, @Nullable DurableExportState durable) {
		long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
		return new OtlpExportStats(this.settings.endpoint(), running, produced, exported, dropped,
				produced - exported - droppedTotal, backlog, openSpans, evictedEntries,
				this.retrying, this.lastSuccess, this.lastError, this.lastErrorAt, durable);
	}

}
