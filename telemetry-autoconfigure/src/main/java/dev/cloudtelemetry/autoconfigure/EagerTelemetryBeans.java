package dev.cloudtelemetry.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.core.type.MethodMetadata;

/**
 * Keeps the starter's beans out of {@code spring.main.lazy-initialization}: they are made at start-up as
 * without it, so that the writer runs and the settings are validated before the first event (an invalid
 * setting stops the start, not the first traced call), the log MDC carries the ids from the first line, and
 * cloud metadata is resolving while the application starts. A bean is the starter's when one of its
 * auto-configurations declares it (an {@code @Bean} method of a class in {@value #PACKAGE}) or its class is
 * one of the starter's (its auto-configurations and {@code @ConfigurationProperties}). The application's own
 * beans stay lazy.
 */
final class EagerTelemetryBeans implements LazyInitializationExcludeFilter {

	/** The starter's auto-configurations and properties; an application may live under dev.cloudtelemetry too. */
	static final String PACKAGE = "dev.cloudtelemetry.autoconfigure.";

	@Override
	public boolean isExcluded(String beanName, BeanDefinition beanDefinition, @Nullable Class<?> beanType) {
		if (beanDefinition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			if (factoryMethod != null) {
				return factoryMethod.getDeclaringClassName().startsWith(PACKAGE);
			}
		}
		String className = beanDefinition.getBeanClassName();
		return className != null && className.startsWith(PACKAGE);
	}

}
