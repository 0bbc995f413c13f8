package dev.cloudtelemetry.output.otlp;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Turns JSONL lines, one at a time and in the order written, into the spans they end ({@link SpanMapper}
 * pairs each entry with its exit). Used by one thread: the durable exporter's, for the lines it reads back from
 * the JSONL files (in-memory export hands the writer's lines to {@link SpanMapper} directly).
 */
final class SpanReader {

	private final SpanMapper mapper;

	SpanReader(int maxOpenSpans, @Nullable String serviceName) {
		this.mapper = new SpanMapper(maxOpenSpans, serviceName);
	}

	/**
	 * Maps one line, read in place from its bytes; the resource blocks are parsed again only when they differ
	 * from those of the line before.
	 * @param start where the line starts
	 * @param end where its line feed is
	 * @return the span the line ends, or {@code null}
	 * @throws RuntimeException when the line cannot be read
	 */
	@Nullable SpanData map(byte[] chunk, int start, int end) {
		return this.mapper.map(chunk, start, end);
	}

	/**
	 * As {@link #map(byte[], int, int)}; when the line is an entry, {@code mark} is kept with it until its exit.
	 * @param mark where the line is, to the caller
	 */
	@Nullable SpanData map(byte[] chunk, int start, int end, long mark) {
		return this.mapper.map(chunk, start, end, mark);
	}

	/**
	 * @return the mark of the oldest entry still waiting for its exit, or {@link Long#MAX_VALUE} when none waits
	 */
	long oldestOpenMark() {
		return this.mapper.oldestOpenMark();
	}

	/** Entries waiting for their exit. */
	int openSpans() {
		return this.mapper.openSpans();
	}

	/** Entries let go before their exit arrived. */
	long evictedEntries() {
		return this.mapper.evictedEntries();
	}

}
