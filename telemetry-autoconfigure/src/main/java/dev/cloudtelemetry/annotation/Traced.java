package dev.cloudtelemetry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.cloudtelemetry.core.event.Severity;

/**
 * Traces a bean method, or every public method of a bean class, even outside the application's packages
 * and {@code telemetry.methods.include}. {@link NotTraced} and {@code telemetry.methods.exclude} still win.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Traced {

	/**
	 * Severity of the entry and normal exit events; errors are always {@code ERROR} and slow calls at
	 * least {@code WARN}.
	 * @return the severity
	 */
	Severity severity() default Severity.INFO;

	/**
	 * Whether {@code function_entry} carries the values of scalar, {@code String}, enum, {@code UUID} and
	 * {@code java.time} arguments as {@code function.arguments.<name>}, as
	 * {@code telemetry.methods.capture-arguments} does for every method. Values are redacted and cut to
	 * {@code telemetry.limits.max-argument-length}; other types are written as their type name, and
	 * parameters annotated {@link Redacted} as {@code REDACTED}.
	 * @return whether arguments are captured
	 */
	boolean captureArguments() default false;

	/**
	 * Whether {@code function_exit} carries the return value as {@code function.return_value}, on the
	 * rules of {@link #captureArguments()}.
	 * @return whether the return value is captured
	 */
	boolean captureReturnValue() default false;

}
