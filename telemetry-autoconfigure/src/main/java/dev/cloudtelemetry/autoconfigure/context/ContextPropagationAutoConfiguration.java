package dev.cloudtelemetry.autoconfigure.context;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.instrument.context.MdcSpanListener;

/**
 * Makes the current span follow work onto other threads (Spring's executors and schedulers) and into
 * the logging MDC.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@EnableConfigurationProperties(MdcProperties.class)
public class ContextPropagationAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(ExecutorContextPropagationBeanPostProcessor.class)
	static ExecutorContextPropagationBeanPostProcessor telemetryExecutorContextPropagationBeanPostProcessor() {
		return new ExecutorContextPropagationBeanPostProcessor(new CurrentSpanTaskDecorator());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.slf4j.MDC")
	@ConditionalOnBooleanProperty(name = "telemetry.mdc.enabled", matchIfMissing = true)
	static class MdcConfiguration {

		@Bean
		@ConditionalOnMissingBean(MdcSpanListener.class)
		MdcSpanListener telemetryMdcSpanListener() {
			return new MdcSpanListener();
		}

		@Bean
		@ConditionalOnMissingBean(MdcListenerInstaller.class)
		MdcListenerInstaller telemetryMdcListenerInstaller(MdcSpanListener telemetryMdcSpanListener) {
			return new MdcListenerInstaller(telemetryMdcSpanListener);
		}

	}

}
