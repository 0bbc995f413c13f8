package dev.cloudtelemetry.autoconfigure.method;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.annotation.Redacted;
import dev.cloudtelemetry.annotation.Traced;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.ArgumentCapture;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;

/**
 * Computes and caches the {@link MethodInfo} of each method per bean type. The lookup on the hot path is
 * a {@link ClassValue} and one hash lookup, with no allocation.
 */
final class MethodInfoResolver {

	private final TracedTypes types;

	private final ClassValue<ConcurrentHashMap<Method, MethodInfo>> cache = new ClassValue<>() {
		@Override
		protected ConcurrentHashMap<Method, MethodInfo> computeValue(Class<?> type) {
			// a CGLIB proxy shares its class's map, so that a bean proxied twice resolves to the same info
			Class<?> userType = ClassUtils.getUserClass(type);
			return (userType != type) ? get(userType) : new ConcurrentHashMap<>();
		}
	};

	private final boolean captureArguments;

	private final boolean captureReturnValue;

	MethodInfoResolver(TracedTypes types) {
		this(types, false, false);
	}

	/**
	 * @param types the traced types
	 * @param captureArguments whether every method's arguments are captured
	 * @param captureReturnValue whether every method's return value is captured
	 */
	MethodInfoResolver(TracedTypes types, boolean captureArguments, boolean captureReturnValue) {
		this.types = types;
		this.captureArguments = captureArguments;
		this.captureReturnValue = captureReturnValue;
	}

	MethodInfo resolve(Method method, Class<?> targetType) {
		ConcurrentHashMap<Method, MethodInfo> infos = this.cache.get(targetType);
		MethodInfo info = infos.get(method);
		if (info == null) {
			info = infos.computeIfAbsent(method, (m) -> compute(m, targetType));
		}
		return info;
	}

	private MethodInfo compute(Method method, Class<?> targetType) {
		Class<?> userType = ClassUtils.getUserClass(targetType);
		Class<?> named = displayType(method, userType);
		Method specific = AopUtils.getMostSpecificMethod(method, userType);
		String typeName = simpleName(named);
		Traced traced = traced(specific, method, userType);
		boolean suspending = KotlinDetector.isSuspendingFunction(method);
		return new MethodInfo(typeName + "." + method.getName(), named.getName(), method.getName(),
				parameterNames(specific, suspending), (traced != null) ? traced.severity() : Severity.INFO,
				suspending ? ReturnKind.REACTIVE : returnKind(method.getReturnType()),
				capture(specific, method, traced));
	}

	/**
	 * @param method the most specific method, whose parameter names are used
	 * @param invoked the method the proxy was called through (an interface's), whose {@code @Redacted} count
	 * as well
	 */
	private ArgumentCapture capture(Method method, Method invoked, Traced traced) {
		boolean arguments = (this.captureArguments || (traced != null && traced.captureArguments()))
				&& method.getParameterCount() > 0;
		boolean returnValue = (this.captureReturnValue || (traced != null && traced.captureReturnValue()))
				&& method.getReturnType() != void.class;
		if (!arguments && !returnValue) {
			return null;
		}
		Parameter[] parameters = method.getParameters();
		Parameter[] invokedParameters = invoked.getParameters();
		List<String> names = new ArrayList<>(parameters.length);
		boolean[] redacted = new boolean[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			// the compiler's name with -parameters (Spring Boot's build plugins add it), arg0... without
			names.add(parameters[i].getName());
			redacted[i] = parameters[i].isAnnotationPresent(Redacted.class)
					|| (i < invokedParameters.length && invokedParameters[i].isAnnotationPresent(Redacted.class));
		}
		return new ArgumentCapture(names, redacted, arguments, returnValue,
				method.isAnnotationPresent(Redacted.class) || invoked.isAnnotationPresent(Redacted.class));
	}

	/**
	 * The type a call is attributed to: the bean's class, or for a JDK proxy (a Spring Data repository)
	 * the application interface it implements.
	 */
	private Class<?> displayType(Method method, Class<?> userType) {
		if (!Proxy.isProxyClass(userType)) {
			return userType;
		}
		List<Class<?>> candidates = this.types.namedTypes(userType);
		for (Class<?> candidate : candidates) {
			if (this.types.selector().includesType(candidate.getName())) {
				return candidate;
			}
		}
		for (Class<?> candidate : candidates) {
			if (!this.types.isFrameworkType(candidate.getName())) {
				return candidate;
			}
		}
		return method.getDeclaringClass();
	}

	static String simpleName(Class<?> type) {
		String name = type.getName();
		int dot = name.lastIndexOf('.');
		return name.substring(dot + 1).replace('$', '.');
	}

	private static String parameterNames(Method method, boolean suspending) {
		StringJoiner names = new StringJoiner(", ");
		Parameter[] parameters = method.getParameters();
		// a Kotlin suspending function's last parameter is the Continuation its compiler adds
		int count = suspending ? parameters.length - 1 : parameters.length;
		for (int i = 0; i < count; i++) {
			names.add(parameters[i].getName());
		}
		return names.toString();
	}

	private static Traced traced(Method specific, Method method, Class<?> userType) {
		Traced traced = AnnotatedElementUtils.findMergedAnnotation(specific, Traced.class);
		if (traced == null) {
			traced = AnnotatedElementUtils.findMergedAnnotation(method, Traced.class);
		}
		if (traced == null) {
			traced = AnnotatedElementUtils.findMergedAnnotation(userType, Traced.class);
		}
		return traced;
	}

	/**
	 * How a call of a method that is not a Kotlin suspending function completes. (Spring AOP hands the advice of
	 * a suspending function a Publisher that runs the coroutine when subscribed: it is {@code REACTIVE}.)
	 */
	private static ReturnKind returnKind(Class<?> returnType) {
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return ReturnKind.COMPLETION_STAGE;
		}
		String name = returnType.getName();
		if (name.equals("reactor.core.publisher.Mono") || name.equals("reactor.core.publisher.Flux")
				|| name.equals("org.reactivestreams.Publisher") || name.equals("reactor.core.CorePublisher")) {
			return ReturnKind.REACTIVE;
		}
		// a Kotlin Flow, RxJava, Mutiny...: adapted to Reactor when called
		return AdaptedReactiveResults.isAdapted(returnType) ? ReturnKind.REACTIVE : ReturnKind.SYNCHRONOUS;
	}

}
