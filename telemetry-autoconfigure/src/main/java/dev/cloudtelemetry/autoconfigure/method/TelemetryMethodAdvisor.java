package dev.cloudtelemetry.autoconfigure.method;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * The advisor that Spring's auto-proxy creator applies to the selected beans: one proxy per bean, shared
 * with every other advisor (transactions, security), so a bean is never wrapped twice by us.
 */
public final class TelemetryMethodAdvisor extends AbstractPointcutAdvisor {

	/** Outside transactions and most other advice, so that a call's duration includes them. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	private final transient TelemetryMethodPointcut pointcut;

	private final transient TracingMethodInterceptor interceptor;

	TelemetryMethodAdvisor(TelemetryMethodPointcut pointcut, TracingMethodInterceptor interceptor) {
		this.pointcut = pointcut;
		this.interceptor = interceptor;
		setOrder(ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
