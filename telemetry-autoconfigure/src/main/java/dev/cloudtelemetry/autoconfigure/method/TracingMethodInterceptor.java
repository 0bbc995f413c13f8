package dev.cloudtelemetry.autoconfigure.method;

import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodTracer;

/**
 * The advice: a thin adapter from Spring AOP to the framework-free {@link MethodTracer}.
 */
final class TracingMethodInterceptor implements MethodInterceptor {

	private final Supplier<MethodTracer> tracer;

	private final MethodInfoResolver infos;

	/**
	 * @param tracer supplies the tracer lazily, so that creating the advisor does not create the output
	 * @param infos resolves method descriptions
	 */
	TracingMethodInterceptor(Supplier<MethodTracer> tracer, MethodInfoResolver infos) {
		this.tracer = tracer;
		this.infos = infos;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		if (target == null) {
			return invocation.proceed();
		}
		MethodInfo info = this.infos.resolve(invocation.getMethod(), target.getClass());
		CurrentSpan.Slot current = CurrentSpan.slot();
		Span parent = current.get();
		if (parent == CurrentSpan.EXCLUDED) {
			// called while an excluded request is handled: no span at all
			return invocation.proceed();
		}
		if (parent != null && parent.details() == info) {
			// the same method entered again without a traced call in between: a bean proxied twice
			return invocation.proceed();
		}
		MethodTracer tracer = this.tracer.get();
		Span span = tracer.enter(info, parent, (info.capture() != null) ? invocation.getArguments() : null);
		current.replace(parent, span);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			tracer.exit(span, ex);
			throw ex;
		}
		finally {
			current.restore(parent);
		}
		return tracer.complete(span, result);
	}

}
