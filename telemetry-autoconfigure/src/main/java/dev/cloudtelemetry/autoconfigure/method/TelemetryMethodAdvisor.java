package dev.cloudtelemetry.autoconfigure.method;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.autoconfigure.TelemetryPropertiesValidator;
import dev.cloudtelemetry.instrument.method.MethodSelector;
import dev.cloudtelemetry.instrument.method.MethodTracer;

/**
 * The advisor that Spring's auto-proxy creator applies to the selected beans: one proxy per bean, shared
 * with every other advisor (transactions, security), so a bean is never wrapped twice by us.
 * <p>
 * The auto-proxy creator makes it before ordinary beans, while the bean factory does not yet cache its type
 * lookups, so it takes its settings from the {@link Environment} and {@link BeanFactory} it is given
 * ({@link EnvironmentAware}, {@link BeanFactoryAware}) rather than from arguments resolved by type, each of which
 * would walk every bean definition. It resolves the tracer (and with it the writer) only on the first traced call.
 */
public final class TelemetryMethodAdvisor extends AbstractPointcutAdvisor
		implements EnvironmentAware, BeanFactoryAware, InitializingBean {

	/** Outside transactions and most other advice, so that a call's duration includes them. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	private final transient Supplier<MethodTracer> tracer;

	private transient @Nullable Environment environment;

	private transient @Nullable BeanFactory beanFactory;

	private transient @Nullable TelemetryMethodPointcut pointcut;

	private transient @Nullable TracingMethodInterceptor interceptor;

	/**
	 * @param tracer supplies the tracer on the first traced call
	 */
	TelemetryMethodAdvisor(Supplier<MethodTracer> tracer) {
		this.tracer = tracer;
		setOrder(ORDER);
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/** Binds {@code telemetry.methods.*}, fails on an invalid pattern, and builds the pointcut and the advice. */
	@Override
	public void afterPropertiesSet() {
		Environment environment = this.environment;
		BeanFactory beanFactory = this.beanFactory;
		if (environment == null || beanFactory == null) {
			throw new IllegalStateException("Environment and BeanFactory not set");
		}
		TelemetryProperties.Methods methods = Binder.get(environment)
			.bindOrCreate("telemetry.methods", TelemetryProperties.Methods.class);
		TelemetryPropertiesValidator.validatePatterns("telemetry.methods.include", methods.getInclude());
		TelemetryPropertiesValidator.validatePatterns("telemetry.methods.exclude", methods.getExclude());
		MethodSelector selector = new MethodSelector(includes(methods, beanFactory), methods.getExclude());
		TracedTypes types = new TracedTypes(selector);
		this.interceptor = new TracingMethodInterceptor(this.tracer,
				new MethodInfoResolver(types, methods.isCaptureArguments(), methods.isCaptureReturnValue()));
		this.pointcut = new TelemetryMethodPointcut(types);
	}

	private static List<String> includes(TelemetryProperties.Methods methods, BeanFactory beanFactory) {
		if (!methods.getInclude().isEmpty()) {
			return methods.getInclude();
		}
		return AutoConfigurationPackages.has(beanFactory) ? new ArrayList<>(AutoConfigurationPackages.get(beanFactory))
				: List.of();
	}

	@Override
	public Pointcut getPointcut() {
		TelemetryMethodPointcut pointcut = this.pointcut;
		if (pointcut == null) {
			throw new IllegalStateException("Not initialized");
		}
		return pointcut;
	}

	@Override
	public Advice getAdvice() {
		TracingMethodInterceptor interceptor = this.interceptor;
		if (interceptor == null) {
			throw new IllegalStateException("Not initialized");
		}
		return interceptor;
	}

}
