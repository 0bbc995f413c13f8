package dev.cloudtelemetry.instrument.context;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that runs before every logging call on the calling thread and brings the MDC in
 * line with the current span ({@link LogTimeSpanMdc}); it never filters anything out. A level check that the
 * logger's level refuses costs two field reads (when no other turbo filter that may accept lines is installed).
 */
public final class SpanMdcTurboFilter extends TurboFilter {

	private static final String MICROMETER_FILTER = "io.micrometer.core.instrument.binder.logging.MetricsTurboFilter";

	public SpanMdcTurboFilter() {
		setName("telemetry-span-mdc");
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable t) {
		// Logback asks turbo filters before every level check, and frameworks check isDebugEnabled() and
		// isTraceEnabled() all the time: a check the logger's level refuses makes no log event, so the MDC
		// is left alone, unless another turbo filter may accept what the level refuses
		if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel()) && aloneIn(logger)) {
			return FilterReply.NEUTRAL;
		}
		LogTimeSpanMdc.sync();
		return FilterReply.NEUTRAL;
	}

	/**
	 * Whether no other turbo filter may accept a line below its logger's level: none is installed, or only
	 * Micrometer's {@code MetricsTurboFilter} (Spring Boot installs it with the actuator's Logback metrics), which
	 * answers {@code NEUTRAL} to everything.
	 */
	private static boolean aloneIn(Logger logger) {
		List<TurboFilter> filters = logger.getLoggerContext().getTurboFilterList();
		if (filters.size() <= 1) {
			return true;
		}
		for (TurboFilter filter : filters) {
			if (!(filter instanceof SpanMdcTurboFilter) && !filter.getClass().getName().equals(MICROMETER_FILTER)) {
				return false;
			}
		}
		return true;
	}

}
