package dev.cloudtelemetry.output.otlp;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the OTLP exporter: {@code produced = exported + dropped + pending}, counted in spans.
 *
 * @param endpoint where spans go
 * @param running whether the exporter thread runs
 * @param produced spans handed to the exporter (lines that end a span)
 * @param exported spans the collector accepted
 * @param dropped spans given up, by reason: {@code queue_full} (the queue was full: the collector was slow
 * or down for longer than the queue covers), {@code rejected} (the collector refused the batch with an answer
 * that a retry cannot change), {@code shutdown} (still unsent when shutdown gave up), {@code unreadable} (the
 * line could not be parsed)
 * @param pending spans queued, in a batch or being retried
 * @param backlog lines waiting in the queue
 * @param openSpans entries waiting for their exit
 * @param evictedEntries entries let go before their exit (their spans were exported without the entry's
 * attributes)
 * @param retrying whether the current batch is being retried
 * @param lastSuccess when the collector last accepted a batch, or {@code null}
 * @param lastError the last failure in plain words, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 * @param durable what is left to ship from the files and what was lost to pruning, in durable mode; else
 * {@code null}
 */
public record OtlpExportStats(String endpoint, boolean running, long produced, long exported,
		Map<String, Long> dropped, long pending, int backlog, int openSpans, long evictedEntries, boolean retrying,
		@Nullable Instant lastSuccess, @Nullable String lastError, @Nullable Instant lastErrorAt,
		@Nullable DurableExportState durable) {

	/** The spans dropped for any reason. */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

}
