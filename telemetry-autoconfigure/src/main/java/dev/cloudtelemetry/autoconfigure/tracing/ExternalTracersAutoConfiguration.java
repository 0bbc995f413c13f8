package dev.cloudtelemetry.autoconfigure.tracing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;

/**
 * Makes the starter's spans join the trace of the tracer the application already runs: Micrometer Tracing
 * (with its OpenTelemetry or Brave bridge) and OpenTelemetry's API, which the OpenTelemetry Java agent
 * bridges to its own context. A span with no parent of the starter's own becomes a child of that tracer's
 * current span, and that tracer's {@code traceparent} is the one that leaves the process. With neither on
 * the class path nothing changes.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "telemetry.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "telemetry.external-tracers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ExternalTracersProperties.class)
public class ExternalTracersAutoConfiguration {

	private static final String MICROMETER_TRACER = "io.micrometer.tracing.Tracer";

	private static final String OPENTELEMETRY_SPAN = "io.opentelemetry.api.trace.Span";

	@Bean
	@ConditionalOnMissingBean
	ExternalParent telemetryExternalParent(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		List<ExternalParent> parents = new ArrayList<>(2);
		if (ClassUtils.isPresent(MICROMETER_TRACER, classLoader)) {
			parents.add(MicrometerTracingParent.of(beanFactory));
		}
		if (ClassUtils.isPresent(OPENTELEMETRY_SPAN, classLoader)) {
			// also the agent's spans when the application has Micrometer Tracing without a bridge (a no-op tracer)
			parents.add(new OpenTelemetryParent());
		}
		return switch (parents.size()) {
			case 0 -> ExternalParent.NONE;
			case 1 -> parents.get(0);
			default -> firstOf(parents.get(0), parents.get(1));
		};
	}

	private static ExternalParent firstOf(ExternalParent first, ExternalParent second) {
		return () -> {
			RemoteContext found = first.current();
			return (found != null) ? found : second.current();
		};
	}

}
