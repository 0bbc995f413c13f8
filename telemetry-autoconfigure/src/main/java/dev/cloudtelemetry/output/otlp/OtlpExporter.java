package dev.cloudtelemetry.output.otlp;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

	private final OtlpExportSettings settings;

	private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger queuedLines = new AtomicInteger();

	private final AtomicLong queuedSpans = new AtomicLong();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final Map<String, AtomicLong> dropped = new LinkedHashMap<>();

	private final SpanMapper mapper;

	private final SpanSender sender;

	private final Thread thread;

	private volatile int batchSpans;

	/** The batches on their way to the collector, oldest first; only the exporter thread uses it. */
	private final ArrayDeque<SpanSender.InFlight> inFlight = new ArrayDeque<>();

	private volatile int openSpans;

	private volatile long evictedEntries;

	/**
	 * @param delegate the OTLP exporter, with its own retries turned off
	 * @param settings queueing, batching and retries
	 */
	public OtlpExporter(SpanExporter delegate, OtlpExportSettings settings) {
		this(delegate, settings, Clock.systemUTC());
	}

	OtlpExporter(SpanExporter delegate, OtlpExportSettings settings, Clock clock) {
		this.settings = settings;
		this.mapper = new SpanMapper(settings.maxOpenSpans(), settings.serviceName());
		this.sender = new SpanSender(delegate, settings, clock,
				"up to " + settings.queueCapacity() + " lines wait meanwhile");
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
		if (this.sender.isClosing()) {
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
		return this.sender.stats(this.thread.isAlive(), this.produced.get(), this.exported.get(), drops,
				this.queuedLines.get(), this.openSpans, this.evictedEntries, null);
	}

	/**
	 * Sends what is queued, for up to the shutdown timeout (spans still unsent then are counted as
	 * {@code shutdown}), and shuts the OTLP exporter down.
	 */
	@Override
	public void close() {
		if (this.sender.isClosing()) {
			return;
		}
		this.sender.stop(this.thread, () -> this.queue.add(POISON));
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
				while (!this.inFlight.isEmpty() && this.queue.isEmpty()) {
					// nothing to map while the collector answers: wait for the answers, oldest first (the wait
					// for input below must not hold an answer that came, nor the retry of a refusal)
					complete();
				}
				long wait = ready.isEmpty() ? TimeUnit.SECONDS.toNanos(1) : firstReadyAt + delay - System.nanoTime();
				Chunk chunk = (wait > 0) ? this.queue.poll(wait, TimeUnit.NANOSECONDS) : this.queue.poll();
				boolean done = this.sender.isClosing() && this.queue.isEmpty();
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
					while (!this.inFlight.isEmpty()) {
						complete();
					}
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			drop("shutdown", ready.size() + inFlightSpans());
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			// never expected; the spans still queued are counted when the exporter is closed
			failed("the exporter thread stopped: " + ex);
			logger.log(Level.ERROR, "OTLP exporter thread stopped", ex);
			drop("unreadable", ready.size() + inFlightSpans());
		}
	}

	/**
	 * Parses a chunk's lines; the spans they end join {@code ready}. The mapper finds where each line ends as it
	 * reads it, so the chunk is scanned for line feeds only after a line it cannot read.
	 */
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
				if (end < 0) {
					break;
				}
				if (span != null) {
					ready.add(span);
				}
			}
			catch (RuntimeException ex) {
				end = SpanLines.lineFeed(bytes, start, bytes.length);
				if (end < 0) {
					break;
				}
				if (SpanLines.endsSpan(bytes, start, end)) {
					drop("unreadable", 1);
					failed("a line could not be read as a span (" + ex.getMessage() + ")");
				}
			}
			start = end + 1;
		}
		this.batchSpans = ready.size();
		this.openSpans = this.mapper.openSpans();
		this.evictedEntries = this.mapper.evictedEntries();
	}

	/**
	 * Starts sending a batch once fewer than {@code maxInFlight} are on the wire (else waits for the oldest answer
	 * first): the exporter thread maps the next batch while the collector reads the ones before, and a collector
	 * a long round trip away still gets more than one batch per round trip.
	 */
	private void send(List<SpanData> batch) throws InterruptedException {
		while (this.inFlight.size() >= this.settings.maxInFlight()) {
			complete();
		}
		this.inFlight.add(this.sender.begin(batch));
	}

	/** Waits for the oldest batch on its way, retrying it as needed, and counts what became of it. */
	private void complete() throws InterruptedException {
		SpanSender.InFlight flight = this.inFlight.peek();
		if (flight == null) {
			return;
		}
		SpanSender.Outcome outcome = this.sender.finish(flight);
		this.inFlight.poll();
		int spans = flight.batch().size();
		switch (outcome) {
			case EXPORTED -> this.exported.addAndGet(spans);
			case REJECTED -> drop("rejected", spans);
			case GAVE_UP -> drop("shutdown", spans);
		}
	}

	private int inFlightSpans() {
		int spans = 0;
		for (SpanSender.InFlight flight : this.inFlight) {
			spans += flight.batch().size();
		}
		this.inFlight.clear();
		return spans;
	}

	long backoffNanos(int attempt) {
		return this.sender.backoffNanos(attempt);
	}

	private void failed(String words) {
		this.sender.failed(words);
	}

	private void drop(String reason, long spans) {
		if (spans > 0) {
			Objects.requireNonNull(this.dropped.get(reason), reason).addAndGet(spans);
		}
	}

	/** Lines the writer handed over, with how many lines and span-ending lines they hold. */
	private record Chunk(byte[] bytes, int lines, int spans) {
	}

}
