package dev.cloudtelemetry.autoconfigure.http;

import java.lang.reflect.Method;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link RestTemplateBuilderBeanPostProcessor} of Spring Boot 3.5, whose {@code RestTemplateBuilder}
 * is {@code org.springframework.boot.web.client.RestTemplateBuilder}. The starter is compiled against
 * Spring Boot 4, where that type no longer exists, so the builder is reached by name; the method called,
 * {@code additionalInterceptors(ClientHttpRequestInterceptor...)}, returns a new builder as in Boot 4.
 */
final class Boot3RestTemplateBuilderBeanPostProcessor implements BeanPostProcessor {

	static final String BUILDER = "org.springframework.boot.web.client.RestTemplateBuilder";

	private final TracingClientHttpRequestInterceptor interceptor;

	private final Class<?> builderType;

	private final Method additionalInterceptors;

	Boot3RestTemplateBuilderBeanPostProcessor(TracingClientHttpRequestInterceptor interceptor,
			ClassLoader classLoader) {
		this.interceptor = interceptor;
		this.builderType = ClassUtils.resolveClassName(BUILDER, classLoader);
		this.additionalInterceptors = ReflectionUtils.findMethod(this.builderType, "additionalInterceptors",
				ClientHttpRequestInterceptor[].class);
		if (this.additionalInterceptors == null) {
			throw new IllegalStateException(BUILDER + " lacks additionalInterceptors(ClientHttpRequestInterceptor...)");
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.builderType.isInstance(bean)) {
			return ReflectionUtils.invokeMethod(this.additionalInterceptors, bean,
					(Object) new ClientHttpRequestInterceptor[] { this.interceptor });
		}
		return bean;
	}

}
