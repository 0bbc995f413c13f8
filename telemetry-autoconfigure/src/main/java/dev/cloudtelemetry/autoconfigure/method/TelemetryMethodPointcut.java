package dev.cloudtelemetry.autoconfigure.method;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.annotation.NotTraced;
import dev.cloudtelemetry.annotation.Traced;

/**
 * Selects the public methods of the application's beans: types from {@code telemetry.methods.include}
 * (by default the application's packages) or annotated with {@link Traced}, less
 * {@code telemetry.methods.exclude} and {@link NotTraced}. Final classes and final methods are skipped,
 * since a proxy cannot intercept them.
 */
final class TelemetryMethodPointcut extends StaticMethodMatcherPointcut {

	private final TracedTypes types;

	TelemetryMethodPointcut(TracedTypes types) {
		this.types = types;
		setClassFilter(new TracedClassFilter(types));
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		if (!isInterceptable(method, targetClass)) {
			return false;
		}
		Class<?> userType = ClassUtils.getUserClass(targetClass);
		Method specific = AopUtils.getMostSpecificMethod(method, userType);
		if (AnnotatedElementUtils.hasAnnotation(specific, NotTraced.class)
				|| AnnotatedElementUtils.hasAnnotation(method, NotTraced.class)
				|| AnnotatedElementUtils.hasAnnotation(userType, NotTraced.class)) {
			return false;
		}
		for (Class<?> type : this.types.namedTypes(userType)) {
			if (this.types.selector().excludes(type.getName(), method.getName())) {
				return false;
			}
		}
		if (AnnotatedElementUtils.hasAnnotation(specific, Traced.class)
				|| AnnotatedElementUtils.hasAnnotation(method, Traced.class)
				|| AnnotatedElementUtils.hasAnnotation(userType, Traced.class)) {
			return true;
		}
		for (Class<?> type : this.types.namedTypes(userType)) {
			if (this.types.selector().includes(type.getName(), method.getName())) {
				return true;
			}
		}
		return false;
	}

	private boolean isInterceptable(Method method, Class<?> targetClass) {
		int modifiers = method.getModifiers();
		if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || method.isBridge()
				|| method.isSynthetic()) {
			return false;
		}
		if (Modifier.isFinal(modifiers) && !Proxy.isProxyClass(targetClass)) {
			return false;
		}
		Class<?> declaring = method.getDeclaringClass();
		if (declaring == Object.class || isObjectMethod(method)) {
			return false;
		}
		String declaringName = declaring.getName();
		if (this.types.selector().includesType(declaringName)) {
			return true;
		}
		return !(declaringName.startsWith("org.springframework.aop.")
				|| declaringName.startsWith("org.springframework.core.")
				|| declaringName.startsWith("org.springframework.beans.factory.")
				|| declaringName.startsWith("org.springframework.context.")
				|| declaringName.startsWith("org.springframework.transaction.")
				|| declaringName.startsWith("org.springframework.cglib."));
	}

	private static boolean isObjectMethod(Method method) {
		String name = method.getName();
		int count = method.getParameterCount();
		return (count == 0 && (name.equals("toString") || name.equals("hashCode") || name.equals("finalize")
				|| name.equals("clone"))) || (count == 1 && name.equals("equals"));
	}

	private static final class TracedClassFilter implements ClassFilter {

		private final TracedTypes types;

		TracedClassFilter(TracedTypes types) {
			this.types = types;
		}

		@Override
		public boolean matches(Class<?> clazz) {
			return this.types.isCandidate(clazz);
		}

	}

}
