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

}
