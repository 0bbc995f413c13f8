package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.json.JsonReader;

/**
 * Turns JSONL lines, one at a time and in the order written, into the spans they end ({@link SpanMapper}
 * pairs each entry with its exit). The same for lines from the writer's queue and from the files. Used by
 * one thread.
 */
final class SpanReader {

	private final SpanMapper mapper;

	private byte @Nullable [] lastTail;

	SpanReader(int maxOpenSpans, @Nullable String serviceName) {
		this.mapper = new SpanMapper(maxOpenSpans, serviceName);
	}

	/**
	 * Maps one line. The blocks from {@code service} to the end (service, environment, resource, cloud, host,
	 * k8s, process) are the same on almost every line: when they are byte for byte those of the line before,
	 * only the part before them is parsed and the previous resource is reused.
	 * @param start where the line starts
	 * @param end where its line feed is
	 * @return the span the line ends, or {@code null}
	 * @throws RuntimeException when the line cannot be read
	 */
	@SuppressWarnings("unchecked")
	@Nullable SpanData map(byte[] chunk, int start, int end) {
		int tail = SpanLines.resourceStart(chunk, start, end);
		if (tail > 0 && this.lastTail != null && end - tail == this.lastTail.length
				&& Arrays.equals(chunk, tail, end, this.lastTail, 0, this.lastTail.length)) {
			Map<String, Object> front = (Map<String, Object>) JsonReader
				.parse(new String(chunk, start, tail - start, StandardCharsets.UTF_8) + "}");
			return this.mapper.map(front, this.mapper.lastResource());
		}
		Map<String, Object> event = (Map<String, Object>) JsonReader
			.parse(new String(chunk, start, end - start, StandardCharsets.UTF_8));
		this.lastTail = (tail > 0) ? Arrays.copyOfRange(chunk, tail, end) : null;
		return this.mapper.map(event);
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
