package dev.cloudtelemetry.autoconfigure.tracing;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.core.context.ExternalParent;

/**
 * Makes the starter's spans join the trace of the tracer the application already runs: Micrometer Tracing
 * (with its OpenTelemetry or Brave bridge) and OpenTelemetry's API, which the OpenTelemetry Java agent
 * bridges to its own context. A span with no parent of the starter's own becomes a child of that tracer's
 * current span, and that tracer's {@code traceparent} is the one that leaves the process. With neither on
 * the class path nothing changes.
 */
@AutoConfiguration
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.external-tracers.enabled", matchIfMissing = true)
@Conditional(ExternalTracersAutoConfiguration.OnTracerClass.class)
@EnableConfigurationProperties(ExternalTracersProperties.class)
public class ExternalTracersAutoConfiguration {

	static final String MICROMETER_TRACER = "io.micrometer.tracing.Tracer";

	static final String OPENTELEMETRY_SPAN = "io.opentelemetry.api.trace.Span";

	@Bean
	@ConditionalOnMissingBean(ExternalParent.class)
	ExternalTracers telemetryExternalParent(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		return new ExternalTracers(
				ClassUtils.isPresent(MICROMETER_TRACER, classLoader) ? new MicrometerTracingParent() : null,
				ClassUtils.isPresent(OPENTELEMETRY_SPAN, classLoader) ? new OpenTelemetryParent() : null,
				beanFactory);
	}

	/** Micrometer Tracing or OpenTelemetry's API on the class path. */
	static final class OnTracerClass extends AnyNestedCondition {

		OnTracerClass() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = MICROMETER_TRACER)
		static final class MicrometerTracing {

		}

		@ConditionalOnClass(name = OPENTELEMETRY_SPAN)
		static final class OpenTelemetry {

		}

	}

}
