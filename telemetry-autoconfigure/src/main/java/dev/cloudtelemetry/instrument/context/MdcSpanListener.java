package dev.cloudtelemetry.instrument.context;

import org.slf4j.MDC;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;

/**
 * Keeps {@code trace_id} and {@code span_id} in the SLF4J MDC while a span is current, so that
 * application log lines can be joined with the telemetry. Runs on every change of the current span,
 * so it does the least it can: the ids' hex forms are cached on the span, {@code trace_id} is written
 * only when the trace changes, and nothing is written when the span does not change.
 */
public final class MdcSpanListener implements CurrentSpan.Listener {

	/** The MDC key of the current trace id. */
	public static final String TRACE_ID = "trace_id";

	/** The MDC key of the current span id. */
	public static final String SPAN_ID = "span_id";

	@Override
	public void changed(Span previous, Span current) {
		// an excluded request has no trace to join its log lines with
		if (current == null || current == CurrentSpan.EXCLUDED) {
			MDC.remove(TRACE_ID);
			MDC.remove(SPAN_ID);
			return;
		}
		if (previous == null || previous.traceIdLow() != current.traceIdLow()
				|| previous.traceIdHigh() != current.traceIdHigh()) {
			MDC.put(TRACE_ID, current.traceIdHex());
		}
		MDC.put(SPAN_ID, current.spanIdHex());
	}

}
