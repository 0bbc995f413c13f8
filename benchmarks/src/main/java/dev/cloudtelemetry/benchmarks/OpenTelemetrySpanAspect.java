package dev.cloudtelemetry.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * What the OpenTelemetry {@code @WithSpan} aspect does for a bean method, reduced to the same job as the
 * starter's method tracing: one span per call, named {@code Type.method}, with {@code code.namespace} and
 * {@code code.function}, current for the duration of the call. Names are computed once per method, as
 * both the starter and OpenTelemetry's instrumentation do.
 */
@Aspect
public class OpenTelemetrySpanAspect {

	private static final AttributeKey<String> CODE_NAMESPACE = AttributeKey.stringKey("code.namespace");

	private static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function");

	private final Tracer tracer;

	private final ConcurrentHashMap<Method, SpanName> names = new ConcurrentHashMap<>();

	public OpenTelemetrySpanAspect(Tracer tracer) {
		this.tracer = tracer;
	}

	@Around("execution(public * benchmarks.app..*(..))")
	public Object traceMethod(ProceedingJoinPoint joinPoint) throws Throwable {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		SpanName name = this.names.get(method);
		if (name == null) {
			name = this.names.computeIfAbsent(method, SpanName::of);
		}
		Span span = this.tracer.spanBuilder(name.spanName())
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(CODE_NAMESPACE, name.namespace())
			.setAttribute(CODE_FUNCTION, name.function())
			.startSpan();
		try (Scope scope = span.makeCurrent()) {
			return joinPoint.proceed();
		}
		catch (Throwable ex) {
			span.setStatus(StatusCode.ERROR);
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private record SpanName(String spanName, String namespace, String function) {

		static SpanName of(Method method) {
			Class<?> type = method.getDeclaringClass();
			return new SpanName(type.getSimpleName() + "." + method.getName(), type.getName(), method.getName());
		}

	}

}
