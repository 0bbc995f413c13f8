package dev.cloudtelemetry.autoconfigure.http;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
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
final class Boot3RestTemplateBuilderBeanPostProcessor implements BeanPostProcessor, BeanClassLoaderAware {

	static final String BUILDER = "org.springframework.boot.web.client.RestTemplateBuilder";

	private final TracingClientHttpRequestInterceptor interceptor;

	private @Nullable Class<?> builderType;

	private @Nullable Method additionalInterceptors;

	/**
	 * @param interceptor the interceptor added to every builder; the builder's type is resolved with the bean
	 * class loader ({@link BeanClassLoaderAware}), not an argument resolved by type while post-processors are
	 * created
	 */
	Boot3RestTemplateBuilderBeanPostProcessor(TracingClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		Class<?> builderType = ClassUtils.resolveClassName(BUILDER, classLoader);
		Method method = ReflectionUtils.findMethod(builderType, "additionalInterceptors",
				ClientHttpRequestInterceptor[].class);
		if (method == null) {
			throw new IllegalStateException(BUILDER + " lacks additionalInterceptors(ClientHttpRequestInterceptor...)");
		}
		this.builderType = builderType;
		this.additionalInterceptors = method;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> builderType = this.builderType;
		Method method = this.additionalInterceptors;
		if (builderType != null && method != null && builderType.isInstance(bean)) {
			return ReflectionUtils.invokeMethod(method, bean,
					(Object) new ClientHttpRequestInterceptor[] { this.interceptor });
		}
		return bean;
	}

}
