package dev.cloudtelemetry.autoconfigure.method;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.cloudtelemetry.annotation.NotTraced;
import dev.cloudtelemetry.annotation.Traced;
import dev.cloudtelemetry.instrument.method.MethodSelector;

/**
 * Decides which bean types are candidates for tracing and under which name their calls appear.
 */
final class TracedTypes {

	private static final System.Logger logger = System.getLogger(TracedTypes.class.getName());

	/** The starter's own packages: its beans are never traced. */
	static final List<String> STARTER_PACKAGES = List.of("dev.cloudtelemetry.annotation.",
			"dev.cloudtelemetry.autoconfigure.", "dev.cloudtelemetry.actuate.", "dev.cloudtelemetry.core.",
			"dev.cloudtelemetry.instrument.", "dev.cloudtelemetry.metadata.", "dev.cloudtelemetry.output.",
			"dev.cloudtelemetry.redact.", "dev.cloudtelemetry.resource.");

	private static final String CONFIGURATION = "org.springframework.context.annotation.Configuration";

	private static final String CONFIGURATION_PROPERTIES = "org.springframework.boot.context.properties.ConfigurationProperties";

	private final MethodSelector selector;

	/** Whether a type declares {@link Traced} on itself or a method: asked for every bean type at start-up. */
	private final Map<Class<?>, Boolean> declaringTraced = new ConcurrentHashMap<>();

	TracedTypes(MethodSelector selector) {
		this.selector = selector;
	}

	MethodSelector selector() {
		return this.selector;
	}

	/**
	 * Whether a bean of this type gets a tracing proxy.
	 */
	boolean isCandidate(Class<?> beanType) {
		Class<?> userType = ClassUtils.getUserClass(beanType);
		// selection first: it rules out most of a context's beans by name, and the annotation lookups below
		// then run for the application's own beans only (run for every bean of a context, they were a visible
		// part of the main thread's start-up work)
		if (isStarterType(userType) || !isSelected(userType) || isInfrastructure(userType)
				|| AnnotatedElementUtils.hasAnnotation(userType, NotTraced.class)) {
			return false;
		}
		if (!Proxy.isProxyClass(userType) && Modifier.isFinal(userType.getModifiers())) {
			logger.log(Level.DEBUG, "Not tracing final class " + userType.getName() + ": it cannot be proxied");
			return false;
		}
		return true;
	}

	private boolean isSelected(Class<?> userType) {
		if (hasTracedAnnotation(userType)) {
			return true;
		}
		List<Class<?>> named = namedTypes(userType);
		for (Class<?> type : named) {
			if (this.selector.excludesType(type.getName())) {
				return false;
			}
		}
		for (Class<?> type : named) {
			if (this.selector.includesType(type.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the type, one of its superclasses or interfaces, or a method declared by any of them carries
	 * {@link Traced} (directly or as a meta-annotation).
	 */
	private boolean hasTracedAnnotation(Class<?> type) {
		// framework beans are most of a context: skip scanning their methods at start-up
		if (isFrameworkType(type.getName())) {
			return false;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			if (declaresTraced(current)) {
				return true;
			}
		}
		for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (declaresTraced(implemented)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether this type itself, or a method it declares, carries {@link Traced}; each type is looked at once
	 * (the beans of a context share superclasses and interfaces), and only its annotated methods are asked
	 * for {@link Traced}: the libraries' beans (a connection pool, a JSON mapper, a template engine) have
	 * hundreds of methods and hardly an annotation on them.
	 */
	private boolean declaresTraced(Class<?> type) {
		Boolean known = this.declaringTraced.get(type);
		if (known != null) {
			return known;
		}
		boolean declares = !isFrameworkType(type.getName()) && AnnotationUtils.isCandidateClass(type, Traced.class)
				&& (MergedAnnotations.from(type).isPresent(Traced.class) || declaresTracedMethod(type));
		this.declaringTraced.put(type, declares);
		return declares;
	}

	private static boolean declaresTracedMethod(Class<?> type) {
		Method[] methods;
		try {
			methods = ReflectionUtils.getDeclaredMethods(type);
		}
		catch (LinkageError | IllegalStateException ex) {
			// a method refers to a class that is not on the class path: none of them can be called anyway
			return false;
		}
		for (Method method : methods) {
			if (method.getDeclaredAnnotations().length > 0 && MergedAnnotations.from(method).isPresent(Traced.class)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The types a bean is known by, most specific first: its class (unless it is a JDK proxy), then its
	 * interfaces that are not framework interfaces.
	 */
	List<Class<?>> namedTypes(Class<?> userType) {
		Set<Class<?>> types = new LinkedHashSet<>();
		if (!Proxy.isProxyClass(userType)) {
			types.add(userType);
		}
		for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(userType)) {
			if (!isFrameworkType(type.getName())) {
				types.add(type);
			}
		}
		return new ArrayList<>(types);
	}

	static boolean isStarterType(Class<?> type) {
		String name = type.getName();
		for (String prefix : STARTER_PACKAGES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a type belongs to a framework rather than to the application. The application's packages
	 * and {@code telemetry.methods.include} win over the framework prefixes: Spring's own sample
	 * applications live in {@code org.springframework.samples}, and their repositories are known only by
	 * their interfaces.
	 */
	boolean isFrameworkType(String name) {
		return hasFrameworkPrefix(name) && !this.selector.includesType(name);
	}

	private static boolean hasFrameworkPrefix(String name) {
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
				|| name.startsWith("kotlin.") || name.startsWith("groovy.") || name.startsWith("org.springframework.")
				|| name.startsWith("org.aopalliance.");
	}

	private static boolean isInfrastructure(Class<?> type) {
		if (Advisor.class.isAssignableFrom(type) || AopInfrastructureBean.class.isAssignableFrom(type)
				|| org.aopalliance.aop.Advice.class.isAssignableFrom(type)
				|| BeanPostProcessor.class.isAssignableFrom(type)
				|| BeanFactoryPostProcessor.class.isAssignableFrom(type) || FactoryBean.class.isAssignableFrom(type)) {
			return true;
		}
		return hasAnnotation(type, CONFIGURATION) || hasAnnotation(type, CONFIGURATION_PROPERTIES);
	}

	private static boolean hasAnnotation(Class<?> type, String annotationName) {
		return AnnotatedElementUtils.hasMetaAnnotationTypes(type, annotationName)
				|| AnnotatedElementUtils.isAnnotated(type, annotationName);
	}

}
