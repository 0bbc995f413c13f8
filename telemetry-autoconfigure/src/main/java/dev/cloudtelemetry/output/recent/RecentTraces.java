package dev.cloudtelemetry.output.recent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.output.WrittenLineListener;

/**
 * The last completed traces, kept as the very JSON lines the writer wrote, bounded by the number of traces
 * and by bytes. Fed on the writer thread; read by the trace view. A trace is completed when one of its
 * local root spans (a span without a local parent) ends; lines that arrive later (work that outlived the
 * request) are still added while the trace is kept. Traces still in progress are bounded as well: when
 * there are too many, or too many bytes, the oldest are let go and counted.
 */
public final class RecentTraces implements WrittenLineListener {

	private final int maxTraces;

	private final long maxBytes;

	private final Map<TraceKey, Trace> traces = new HashMap<>();

	private final LinkedHashMap<TraceKey, Trace> inProgress = new LinkedHashMap<>();

	private final ArrayDeque<Trace> completed = new ArrayDeque<>();

	private long bytes;

	private long evictedInProgress;

	private long evictedCompleted;

	private long linesNotKept;

	/**
	 * @param maxTraces the most completed traces kept, and the most traces kept in progress
	 * @param maxBytes the most bytes of lines kept, over all traces
	 */
	public RecentTraces(int maxTraces, long maxBytes) {
		if (maxTraces < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("maxTraces and maxBytes must be positive");
		}
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
	}

	@Override
	public synchronized void written(Span span, long sequence, byte[] line, int offset, int length) {
		if (span == null) {
			return;
		}
		TraceKey key = new TraceKey(span.traceIdHigh(), span.traceIdLow());
		Trace trace = this.traces.get(key);
		if (trace == null) {
			trace = new Trace(key);
			this.traces.put(key, trace);
			this.inProgress.put(key, trace);
		}
		if (trace.length + length > this.maxBytes / 2) {
			// one runaway trace must not push every other one out
			trace.linesNotKept++;
			this.linesNotKept++;
		}
		else {
			trace.append(line, offset, length);
			this.bytes += length;
		}
		if (span.parent() == null && !trace.completed && JsonLines.hasDuration(line, offset, length)) {
			trace.completed = true;
			this.inProgress.remove(key);
			this.completed.addLast(trace);
		}
		evict();
	}

	private void evict() {
		while (this.completed.size() > this.maxTraces) {
			remove(this.completed.pollFirst());
			this.evictedCompleted++;
		}
		while (this.inProgress.size() > this.maxTraces) {
			removeOldestInProgress();
		}
		while (this.bytes > this.maxBytes) {
			if (!this.completed.isEmpty()) {
				remove(this.completed.pollFirst());
				this.evictedCompleted++;
			}
			else {
				removeOldestInProgress();
			}
		}
	}

	private void removeOldestInProgress() {
		Iterator<Trace> oldest = this.inProgress.values().iterator();
		Trace trace = oldest.next();
		oldest.remove();
		remove(trace);
		this.evictedInProgress++;
	}

	private void remove(Trace trace) {
		this.traces.remove(trace.key);
		this.bytes -= trace.length;
	}

	/**
	 * The completed traces, newest first.
	 * @return a copy of each trace's lines
	 */
	public synchronized List<TraceLines> completedTraces() {
		List<TraceLines> result = new ArrayList<>(this.completed.size());
		Iterator<Trace> newestFirst = this.completed.descendingIterator();
		while (newestFirst.hasNext()) {
			result.add(newestFirst.next().snapshot());
		}
		return result;
	}

	/**
	 * One trace, completed or still in progress.
	 * @param traceId the trace id, 32 lowercase hex digits
	 * @return a copy of its lines, or {@code null} when it is not kept
	 */
	public synchronized @Nullable TraceLines trace(String traceId) {
		TraceKey key = TraceKey.parse(traceId);
		Trace trace = (key != null) ? this.traces.get(key) : null;
		return (trace != null) ? trace.snapshot() : null;
	}

	/**
	 * What the store holds and what it let go.
	 * @return the statistics
	 */
	public synchronized Stats stats() {
		return new Stats(this.completed.size(), this.inProgress.size(), this.bytes, this.maxTraces, this.maxBytes,
				this.evictedCompleted, this.evictedInProgress, this.linesNotKept);
	}

	/**
	 * The store's state.
	 *
	 * @param completed completed traces kept
	 * @param inProgress traces kept that have not completed yet
	 * @param bytes bytes of lines kept
	 * @param maxTraces the most traces kept
	 * @param maxBytes the most bytes kept
	 * @param evictedCompleted completed traces let go to make room
	 * @param evictedInProgress traces let go before they completed
	 * @param linesNotKept lines not kept because their trace had grown past half of the bytes allowed
	 */
	public record Stats(int completed, int inProgress, long bytes, int maxTraces, long maxBytes,
			long evictedCompleted, long evictedInProgress, long linesNotKept) {

	}

	/**
	 * A copy of one trace's lines.
	 *
	 * @param traceId the trace id
	 * @param completed whether one of its local root spans has ended
	 * @param lines the JSON lines, in the order they were written
	 * @param linesNotKept lines of this trace that were not kept
	 * @param version changes whenever a line is added, to cache what is computed from the lines
	 */
	public record TraceLines(String traceId, boolean completed, List<String> lines, long linesNotKept,
			long version) {

	}

	private record TraceKey(long high, long low) {

		static @Nullable TraceKey parse(@Nullable String hex) {
			if (hex == null || hex.length() != 32) {
				return null;
			}
			try {
				return new TraceKey(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		String hex() {
			return String.format("%016x%016x", this.high, this.low);
		}

	}

	private static final class Trace {

		private final TraceKey key;

		private byte[] data = new byte[4096];

		private int length;

		private int lines;

		private long linesNotKept;

		private boolean completed;

		Trace(TraceKey key) {
			this.key = key;
		}

		void append(byte[] line, int offset, int count) {
			if (this.length + count > this.data.length) {
				this.data = Arrays.copyOf(this.data, Math.max(this.data.length * 2, this.length + count));
			}
			System.arraycopy(line, offset, this.data, this.length, count);
			this.length += count;
			this.lines++;
		}

		TraceLines snapshot() {
			List<String> result = new ArrayList<>(this.lines);
			int start = 0;
			for (int i = 0; i < this.length; i++) {
				if (this.data[i] == '\n') {
					result.add(new String(this.data, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
					start = i + 1;
				}
			}
			return new TraceLines(this.key.hex(), this.completed, result, this.linesNotKept,
					this.lines + this.linesNotKept);
		}

	}

}
