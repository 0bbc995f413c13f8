package dev.cloudtelemetry.autoconfigure.context;

import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.instrument.context.MdcSpanListener;

import static org.assertj.core.api.Assertions.assertThat;

/** The installer with Spring Boot's Logback, as an application gets it. */
class MdcListenerInstallerTests {

	@AfterEach
	void clear() {
		CurrentSpan.set(null);
		MDC.clear();
	}

	@Test
	void theIdsOfTheLastLineDoNotOutliveTheContextOnTheClosingThread() {
		MdcListenerInstaller installer = new MdcListenerInstaller(new MdcSpanListener());
		installer.afterPropertiesSet();
		Span span = new SpanFactory(System::nanoTime).start(null, "a", "func", null);
		CurrentSpan.set(span);
		LoggerFactory.getLogger(MdcListenerInstallerTests.class).warn("inside the span");
		assertThat(MDC.get("span_id")).isEqualTo(span.spanIdHex());
		CurrentSpan.set(null);
		// no line is logged after the span: the MDC still holds its ids until the next one, or until the context closes
		assertThat(MDC.get("span_id")).isEqualTo(span.spanIdHex());
		MDC.put("other", "kept");
		installer.destroy();
		assertThat(MDC.get("trace_id")).isNull();
		assertThat(MDC.get("span_id")).isNull();
		assertThat(MDC.get("other")).isEqualTo("kept");
	}

	@Test
	void withMicrometersLogbackMetricsFilterARefusedLevelCheckStillLeavesTheMdcAlone() {
		MdcListenerInstaller installer = new MdcListenerInstaller(new MdcSpanListener());
		try (LogbackMetrics metrics = new LogbackMetrics()) {
			metrics.bindTo(new SimpleMeterRegistry());
			installer.afterPropertiesSet();
			ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("quiet.at.info");
			logger.setLevel(ch.qos.logback.classic.Level.INFO);
			assertThat(logger.getLoggerContext().getTurboFilterList()).hasSize(2);
			Span span = new SpanFactory(System::nanoTime).start(null, "a", "func", null);
			CurrentSpan.set(span);
			assertThat(logger.isDebugEnabled()).isFalse();
			assertThat(MDC.get("span_id")).as("a refused check does no MDC work").isNull();
			logger.warn("inside the span");
			assertThat(MDC.get("span_id")).isEqualTo(span.spanIdHex());
		}
		finally {
			installer.destroy();
		}
	}

}
