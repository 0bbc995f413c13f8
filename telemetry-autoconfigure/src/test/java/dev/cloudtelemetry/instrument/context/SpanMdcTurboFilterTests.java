package dev.cloudtelemetry.instrument.context;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.Marker;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter in a real Logback context of its own, with a list appender. */
class SpanMdcTurboFilterTests {

	private final SpanFactory spans = new SpanFactory(System::nanoTime);

	private final LoggerContext context = new LoggerContext();

	/** Keeps each event's MDC as it was when the event was made, as asynchronous appenders do. */
	private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			super.append(event);
		}

	};

	private Logger logger;

	@BeforeEach
	void logback() {
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		SpanMdcTurboFilter filter = new SpanMdcTurboFilter();
		filter.setContext(this.context);
		filter.start();
		this.context.addTurboFilter(filter);
		this.appender.setContext(this.context);
		this.appender.start();
		this.logger = this.context.getLogger("app");
		this.logger.setLevel(Level.INFO);
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void clear() {
		CurrentSpan.set(null);
		LogTimeSpanMdc.sync();
		MDC.clear();
		this.context.stop();
	}

	@Test
	void anEventCarriesTheCurrentSpansIdsAndARefusedLevelCheckLeavesTheMdcAlone() {
		Span span = this.spans.start(null, "a", "func", null);
		CurrentSpan.set(span);
		assertThat(this.logger.isDebugEnabled()).isFalse();
		assertThat(MDC.get("span_id")).as("no event, no MDC work").isNull();
		this.logger.info("inside");
		assertThat(MDC.get("span_id")).isEqualTo(span.spanIdHex());
		Span child = this.spans.start(span, "b", "func", null);
		CurrentSpan.set(child);
		this.logger.debug("refused by the level");
		this.logger.warn("inside the child");
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("inside", "inside the child");
		Map<String, String> first = this.appender.list.get(0).getMDCPropertyMap();
		assertThat(first).containsEntry("trace_id", span.traceIdHex()).containsEntry("span_id", span.spanIdHex());
		assertThat(this.appender.list.get(1).getMDCPropertyMap()).containsEntry("span_id", child.spanIdHex());
	}

	@Test
	void aDebugEventAnotherTurboFilterAcceptsBelowTheLevelCarriesTheCurrentSpan() {
		TurboFilter acceptAll = new TurboFilter() {

			@Override
			public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
					Throwable t) {
				return FilterReply.ACCEPT;
			}

		};
		acceptAll.setContext(this.context);
		acceptAll.start();
		this.context.addTurboFilter(acceptAll);
		Span span = this.spans.start(null, "a", "func", null);
		CurrentSpan.set(span);
		this.logger.info("first");
		Span child = this.spans.start(span, "b", "func", null);
		CurrentSpan.set(child);
		this.logger.debug("accepted below the level");
		assertThat(this.appender.list).hasSize(2);
		assertThat(this.appender.list.get(1).getMDCPropertyMap()).containsEntry("span_id", child.spanIdHex());
	}

}
