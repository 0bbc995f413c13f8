package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.restclient.RestTemplateBuilder;

/**
 * Adds the {@link TracingClientHttpRequestInterceptor} to Spring Boot's {@link RestTemplateBuilder}, so
 * that the {@code RestTemplate}s it builds trace even when they are not beans. The builder keeps its
 * interceptors in a set: adding the same interceptor again changes nothing.
 */
final class RestTemplateBuilderBeanPostProcessor implements BeanPostProcessor {

	private final TracingClientHttpRequestInterceptor interceptor;

	RestTemplateBuilderBeanPostProcessor(TracingClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplateBuilder builder) {
			return builder.additionalInterceptors(this.interceptor);
		}
		return bean;
	}

}
