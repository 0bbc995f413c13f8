package dev.cloudtelemetry.autoconfigure.method;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.function.SingletonSupplier;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.resource.ProcessResourceProvider;

/**
 * Traces the public methods of the application's beans through Spring AOP proxies.
 * <p>
 * The pointcut is built at start-up from the application's packages, so it is a programmatic
 * {@link TelemetryMethodAdvisor} rather than an {@code @Aspect} with a fixed expression; Spring's
 * AspectJ auto-proxy creator applies it together with every other advisor, in one proxy per bean.
 */
@AutoConfiguration(after = { AopAutoConfiguration.class, TelemetryAutoConfiguration.class })
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.methods.enabled", matchIfMissing = true)
@Import(MethodTracingAutoConfiguration.AutoProxyRegistrar.class)
public class MethodTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MethodTracer.class)
	MethodTracer telemetryMethodTracer(EventSink eventSink, SpanFactory spanFactory, TelemetryProperties properties) {
		TelemetryProperties.Methods methods = properties.getMethods();
		return new MethodTracer(eventSink, spanFactory, properties.getMinimumSeverity(),
				methods.getSlowThreshold().toNanos(), methods.isCallerLocation(),
				ProcessResourceProvider.programName(System.getProperty("sun.java.command")),
				AdaptedReactiveResults.completion());
	}

	/**
	 * The advisor is created by the auto-proxy creator before ordinary beans: it takes its settings from the
	 * environment it is given and resolves the tracer (and with it the writer) only on the first traced call.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(TelemetryMethodAdvisor.class)
	static TelemetryMethodAdvisor telemetryMethodAdvisor(ObjectProvider<MethodTracer> tracer) {
		return new TelemetryMethodAdvisor(SingletonSupplier.of(tracer::getObject));
	}

	/**
	 * Makes sure an auto-proxy creator exists when the application turned Boot's AOP auto-configuration
	 * off; an existing one (Boot's AspectJ creator) is left as it is.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			BeanDefinition created = AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
			if (created != null) {
				created.getPropertyValues().add("proxyTargetClass", Boolean.TRUE);
			}
		}

	}

}
