package dev.cloudtelemetry.output.otlp;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.output.EventExporter;
import dev.cloudtelemetry.output.ExportStatusProvider;

/**
 * Sends the spans of the lines the writer encodes to an OpenTelemetry Collector, through an official OTLP
 * {@link SpanExporter} ({@code OtlpHttpSpanExporter}, {@code OtlpGrpcSpanExporter}), from a thread of its own.
 * <p>
 * The writer thread only copies each batch into a bounded queue (never waits, never fails: when the queue is
 * full the batch is dropped and its spans counted). The exporter thread parses the lines, pairs each call's
 * entry with its exit ({@link SpanMapper}), sends batches of up to {@code maxBatchSize} spans and retries a
 * batch the collector could not take with exponential backoff and jitter while new lines wait in the queue.
 * Every span handed over is exported, dropped for a counted reason, or still pending.
 */
public final class OtlpExporter implements EventExporter, ExportStatusProvider {

	private static final System.Logger logger = System.getLogger(OtlpExporter.class.getName());

	private static final Chunk POISON = new Chunk(new byte[0], 0, 0);

	private final SpanExporter delegate;

	private final OtlpExportSettings settings;

	private final Clock clock;

	private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger queuedLines = new AtomicInteger();

	private final AtomicLong queuedSpans = new AtomicLong();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final Map<String, AtomicLong> dropped = new LinkedHashMap<>();

	private final SpanMapper mapper;

	private final Thread thread;

	private final Object sleep = new Object();

	private volatile boolean closing;

	private volatile long closeDeadline;

	private volatile int batchSpans;

	private volatile boolean retrying;

	private volatile int openSpans;

	private volatile long evictedEntries;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	/**
	 * @param delegate the OTLP exporter, with its own retries turned off
	 * @param settings queueing, batching and retries
	 */
	public OtlpExporter(SpanExporter delegate, OtlpExportSettings settings) {
		this(delegate, settings, Clock.systemUTC());
	}

	OtlpExporter(SpanExporter delegate, OtlpExportSettings settings, Clock clock) {
		this.delegate = delegate;
		this.settings = settings;
		this.clock = clock;
		this.mapper = new SpanMapper(settings.maxOpenSpans(), settings.serviceName());
		for (String reason : List.of("queue_full", "rejected", "shutdown", "unreadable")) {
			this.dropped.put(reason, new AtomicLong());
		}
		this.thread = new Thread(this::run, "telemetry-otlp-exporter");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void export(byte[] lines, int offset, int length) {
		long count = SpanLines.count(lines, offset, length);
		int lineCount = SpanLines.lines(count);
		int spans = SpanLines.spans(count);
		this.produced.addAndGet(spans);
		if (this.closing) {
			drop("shutdown", spans);
			return;
		}
		if (this.queuedLines.get() + lineCount > this.settings.queueCapacity()) {
			drop("queue_full", spans);
			return;
		}
		byte[] copy = new byte[length];
		System.arraycopy(lines, offset, copy, 0, length);
		this.queuedLines.addAndGet(lineCount);
		this.queuedSpans.addAndGet(spans);
		this.queue.add(new Chunk(copy, lineCount, spans));
	}

	@Override
	public String describe() {
		return "otlp " + this.settings.endpoint();
	}

	@Override
	public Object exportStatus() {
		return stats();
	}

	/**
	 * @return the exporter's counters and state
	 */
	public OtlpExportStats stats() {
		Map<String, Long> drops = new LinkedHashMap<>();
		this.dropped.forEach((reason, count) -> drops.put(reason, count.get()));
		long produced = this.produced.get();
		long exported = this.exported.get();
		long droppedTotal = drops.values().stream().mapToLong(Long::longValue).sum();
		return new OtlpExportStats(this.settings.endpoint(), this.thread.isAlive(), produced, exported, drops,
				produced - exported - droppedTotal, this.queuedLines.get(), this.openSpans, this.evictedEntries,
				this.retrying, this.lastSuccess, this.lastError, this.lastErrorAt);
	}

	/**
	 * Sends what is queued, for up to the shutdown timeout (spans still unsent then are counted as
	 * {@code shutdown}), and shuts the OTLP exporter down.
	 */
	@Override
	public void close() {
		if (this.closing) {
			return;
		}
		this.closeDeadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		this.closing = true;
		this.queue.add(POISON);
		wake();
		try {
			this.thread.join(this.settings.shutdownTimeout().toMillis() + this.settings.timeout().toMillis() + 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.delegate.shutdown().join(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
		OtlpExportStats stats = stats();
		if (stats.droppedTotal() > 0) {
			logger.log(Level.WARNING, "OTLP export to " + this.settings.endpoint() + " stopped: " + stats.produced()
					+ " spans produced, " + stats.exported() + " exported, dropped " + stats.dropped());
		}
	}

	private void run() {
		List<SpanData> ready = new ArrayList<>();
		long firstReadyAt = 0;
		long delay = this.settings.scheduleDelay().toNanos();
		try {
			while (true) {
				long wait = ready.isEmpty() ? TimeUnit.SECONDS.toNanos(1) : firstReadyAt + delay - System.nanoTime();
				Chunk chunk = (wait > 0) ? this.queue.poll(wait, TimeUnit.NANOSECONDS) : this.queue.poll();
				boolean done = this.closing && this.queue.isEmpty();
				if (chunk != null && chunk != POISON) {
					if (ready.isEmpty()) {
						firstReadyAt = System.nanoTime();
					}
					read(chunk, ready);
				}
				while (ready.size() >= this.settings.maxBatchSize()) {
					List<SpanData> batch = ready.subList(0, this.settings.maxBatchSize());
					send(new ArrayList<>(batch));
					batch.clear();
					firstReadyAt = System.nanoTime();
				}
				if (!ready.isEmpty() && (done || System.nanoTime() - firstReadyAt >= delay)) {
					send(new ArrayList<>(ready));
					ready.clear();
				}
				this.batchSpans = ready.size();
				if (done && ready.isEmpty()) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			drop("shutdown", ready.size());
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			// never expected; the spans still queued are counted when the exporter is closed
			this.lastError = "the exporter thread stopped: " + ex;
			logger.log(Level.ERROR, "OTLP exporter thread stopped", ex);
			drop("unreadable", ready.size());
		}
	}

	/** Maps a chunk's lines; the spans they end join {@code ready}. */
	private void read(Chunk chunk, List<SpanData> ready) {
		this.queuedLines.addAndGet(-chunk.lines());
		this.queuedSpans.addAndGet(-chunk.spans());
		byte[] bytes = chunk.bytes();
		int start = 0;
		while (start < bytes.length) {
			int end;
			try {
				SpanData span = this.mapper.mapNext(bytes, start, bytes.length);
				end = this.mapper.lineEnd();
				if (span != null) {
					ready.add(span);
				}
			}
			catch (RuntimeException ex) {
				end = lineEnd(bytes, start);
				if (end >= 0 && SpanLines.endsSpan(bytes, start, end)) {
					drop("unreadable", 1);
					failed("a line could not be read as a span (" + ex.getMessage() + ")");
				}
			}
			if (end < 0) {
				break;
			}
			start = end + 1;
		}
		this.batchSpans = ready.size();
		this.openSpans = this.mapper.openSpans();
		this.evictedEntries = this.mapper.evictedEntries();
	}

	private static int lineEnd(byte[] bytes, int start) {
		for (int i = start; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Sends a batch until the collector takes it, rejects it, or shutdown gives up. */
	private void send(List<SpanData> batch) throws InterruptedException {
		this.batchSpans = batch.size();
		for (int attempt = 0;; attempt++) {
			ExportFailure failure = attempt(batch);
			if (failure == null) {
				this.exported.addAndGet(batch.size());
				this.lastSuccess = this.clock.instant();
				if (this.retrying) {
					logger.log(Level.INFO, "OTLP export to " + this.settings.endpoint() + " works again after "
							+ attempt + " retries");
				}
				this.retrying = false;
				return;
			}
			failed(failure.words());
			if (!failure.retryable()) {
				drop("rejected", batch.size());
				logger.log(Level.WARNING, "OTLP export to " + this.settings.endpoint() + " rejected " + batch.size()
						+ " spans: " + failure.words());
				return;
			}
			if (!this.retrying) {
				this.retrying = true;
				logger.log(Level.WARNING, "OTLP export to " + this.settings.endpoint() + " failed (" + failure.words()
						+ "); retrying with backoff, up to " + this.settings.queueCapacity()
						+ " lines wait meanwhile. The application is not affected.");
			}
			if (this.closing && System.nanoTime() - this.closeDeadline >= 0) {
				drop("shutdown", batch.size());
				return;
			}
			pause(backoffNanos(attempt));
		}
	}

	private @Nullable ExportFailure attempt(List<SpanData> batch) {
		try {
			CompletableResultCode result = this.delegate.export(batch);
			result.join(this.settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
			if (!result.isDone()) {
				return ExportFailure.timedOut(this.settings.timeout().toMillis());
			}
			return result.isSuccess() ? null : ExportFailure.of(result.getFailureThrowable());
		}
		catch (RuntimeException ex) {
			return ExportFailure.of(ex);
		}
	}

	/** Exponential backoff with jitter: a random wait between half and all of initial × 2^attempt, capped. */
	long backoffNanos(int attempt) {
		long initial = this.settings.initialBackoff().toNanos();
		long max = this.settings.maxBackoff().toNanos();
		long exponential = (attempt >= 30) ? max : Math.min(max, initial << attempt);
		return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
	}

	private void pause(long nanos) throws InterruptedException {
		long until = System.nanoTime() + nanos;
		if (this.closing) {
			until = Math.min(until, this.closeDeadline);
		}
		synchronized (this.sleep) {
			long left;
			while ((left = until - System.nanoTime()) > 0) {
				if (this.closing && until > this.closeDeadline) {
					until = this.closeDeadline;
					continue;
				}
				TimeUnit.NANOSECONDS.timedWait(this.sleep, left);
			}
		}
	}

	private void wake() {
		synchronized (this.sleep) {
			this.sleep.notifyAll();
		}
	}

	private void failed(String words) {
		this.lastError = words;
		this.lastErrorAt = this.clock.instant();
	}

	private void drop(String reason, long spans) {
		if (spans > 0) {
			Objects.requireNonNull(this.dropped.get(reason), reason).addAndGet(spans);
		}
	}

	/** A batch of lines copied from the writer, with its counts of lines and of span-ending lines. */
	private record Chunk(byte[] bytes, int lines, int spans) {
	}

}
