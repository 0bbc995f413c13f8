package dev.cloudtelemetry.output.recent;

import org.jspecify.annotations.Nullable;

/**
 * One line of the list of traces.
 *
 * @param traceId the trace id
 * @param rootName the name of the root span (the earliest span without a parent in the trace)
 * @param service the service that wrote it
 * @param start when it started, ISO-8601 in UTC
 * @param startEpochMillis when it started, in milliseconds since the epoch
 * @param durationNanos from the first start to the last end
 * @param spanCount its spans
 * @param errorCount spans with an {@code ERROR} event
 * @param warningCount spans whose most severe event is a {@code WARN}
 * @param completed whether a local root span has ended
 * @param linesNotKept lines of the trace not kept in memory because it grew too large
 */
public record TraceSummary(String traceId, @Nullable String rootName, @Nullable String service, String start, long startEpochMillis,
		long durationNanos, int spanCount, int errorCount, int warningCount, boolean completed, long linesNotKept) {

}
