package dev.cloudtelemetry.output.recent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.output.recent.RecentTraces.TraceLines;

/**
 * What the trace view asks of the recent traces: filtered summaries, newest first, and one trace's spans.
 * Each trace is assembled once per change of its lines, on the thread that asks.
 */
public final class TraceViews {

	private final RecentTraces store;

	private final Map<String, Assembled> assembled = new ConcurrentHashMap<>();

	private final List<String> hiddenPaths;

	/**
	 * @param store the recent traces
	 * @param hiddenPaths request paths whose server traces are left out of the list (the trace view's own
	 * requests); they stay available by id
	 */
	public TraceViews(RecentTraces store, List<String> hiddenPaths) {
		this.store = store;
		this.hiddenPaths = List.copyOf(hiddenPaths);
	}

	public RecentTraces store() {
		return this.store;
	}

	/**
	 * @param errorsOnly whether to keep only traces with an {@code ERROR} span
	 * @param minDurationNanos the shortest trace kept
	 * @param nameContains text the root span's name contains, ignoring case, or {@code null}
	 * @param limit the most summaries returned
	 * @return the completed traces that match, newest first
	 */
	public List<TraceSummary> summaries(boolean errorsOnly, long minDurationNanos, @Nullable String nameContains, int limit) {
		String needle = (nameContains != null && !nameContains.isBlank())
				? nameContains.strip().toLowerCase(Locale.ROOT) : null;
		List<TraceSummary> result = new ArrayList<>();
		Set<String> kept = new HashSet<>();
		for (TraceLines lines : this.store.completedTraces()) {
			kept.add(lines.traceId());
			TraceDetail detail = assemble(lines);
			TraceSummary summary = detail.summary();
			if (result.size() < limit && !hidden(detail) && (!errorsOnly || summary.errorCount() > 0)
					&& summary.durationNanos() >= minDurationNanos && (needle == null
							|| (summary.rootName() != null && summary.rootName().toLowerCase(Locale.ROOT).contains(needle)))) {
				result.add(summary);
			}
		}
		this.assembled.keySet().retainAll(kept);
		return result;
	}

	/**
	 * @param traceId the trace id
	 * @return the trace, completed or in progress, or {@code null} when it is not kept
	 */
	public @Nullable TraceDetail trace(String traceId) {
		TraceLines lines = this.store.trace(traceId);
		return (lines != null) ? assemble(lines) : null;
	}

	private boolean hidden(TraceDetail trace) {
		for (TraceDetail.SpanDetail span : trace.spans()) {
			if ("server".equals(span.kind())) {
				Object path = span.attributes().getOrDefault("url.path", span.attributes().get("http.target"));
				if (path instanceof String text) {
					for (String hidden : this.hiddenPaths) {
						if (text.equals(hidden) || text.startsWith(hidden + "/")) {
							return true;
						}
					}
				}
				return false;
			}
		}
		return false;
	}

	private TraceDetail assemble(TraceLines lines) {
		Assembled cached = this.assembled.get(lines.traceId());
		if (cached != null && cached.version == lines.version() && cached.completed == lines.completed()) {
			return cached.detail;
		}
		TraceDetail detail = TraceAssembler.assemble(lines);
		this.assembled.put(lines.traceId(), new Assembled(lines.version(), lines.completed(), detail));
		return detail;
	}

	private record Assembled(long version, boolean completed, TraceDetail detail) {

	}

}
