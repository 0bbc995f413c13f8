package dev.cloudtelemetry.instrument.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that runs before every logging call on the calling thread and brings the MDC in
 * line with the current span ({@link LogTimeSpanMdc}); it never filters anything out.
 */
public final class SpanMdcTurboFilter extends TurboFilter {

	public SpanMdcTurboFilter() {
		setName("telemetry-span-mdc");
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable t) {
		LogTimeSpanMdc.sync();
		return FilterReply.NEUTRAL;
	}

}
