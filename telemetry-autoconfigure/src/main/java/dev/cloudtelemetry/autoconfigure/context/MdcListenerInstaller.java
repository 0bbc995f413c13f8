package dev.cloudtelemetry.autoconfigure.context;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.instrument.context.LogTimeSpanMdc;
import dev.cloudtelemetry.instrument.context.MdcSpanListener;
import dev.cloudtelemetry.instrument.context.SpanMdcTurboFilter;

/**
 * Keeps {@code trace_id} and {@code span_id} in the MDC while the application context runs. With Logback
 * (Spring Boot's default) a turbo filter writes them when a line is logged, so traced calls pay nothing
 * for it; with any other SLF4J backend the {@link MdcSpanListener} writes them on every change of the
 * current span. The current span is JVM-wide, so with several contexts in one JVM the last one started
 * holds the listener.
 */
public class MdcListenerInstaller implements InitializingBean, DisposableBean {

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			MdcListenerInstaller.class.getClassLoader());

	private final MdcSpanListener listener;

	private Runnable uninstall;

	public MdcListenerInstaller(MdcSpanListener listener) {
		this.listener = listener;
	}

	@Override
	public void afterPropertiesSet() {
		if (LOGBACK_PRESENT) {
			this.uninstall = Logback.install();
		}
		if (this.uninstall == null) {
			CurrentSpan.setListener(this.listener);
			this.uninstall = () -> CurrentSpan.removeListener(this.listener);
		}
	}

	@Override
	public void destroy() {
		if (this.uninstall != null) {
			this.uninstall.run();
		}
	}

	/** Holds the Logback references, loaded only when Logback is present. */
	private static final class Logback {

		static Runnable install() {
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (!(factory instanceof LoggerContext context)) {
				return null;
			}
			SpanMdcTurboFilter filter = new SpanMdcTurboFilter();
			filter.setContext(context);
			filter.start();
			context.addTurboFilter(filter);
			return () -> {
				context.getTurboFilterList().remove(filter);
				filter.stop();
				// a refused level check leaves the MDC alone, so ids of the thread's last line may still be there
				LogTimeSpanMdc.clear();
			};
		}

	}

}
