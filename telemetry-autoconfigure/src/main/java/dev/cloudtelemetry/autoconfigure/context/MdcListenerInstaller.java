package dev.cloudtelemetry.autoconfigure.context;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.instrument.context.MdcSpanListener;

/**
 * Installs the {@link MdcSpanListener} while the application context runs. The current span is
 * JVM-wide, so with several contexts in one JVM the last one started holds the listener.
 */
public class MdcListenerInstaller implements InitializingBean, DisposableBean {

	private final MdcSpanListener listener;

	public MdcListenerInstaller(MdcSpanListener listener) {
		this.listener = listener;
	}

	@Override
	public void afterPropertiesSet() {
		CurrentSpan.setListener(this.listener);
	}

	@Override
	public void destroy() {
		CurrentSpan.removeListener(this.listener);
	}

}
