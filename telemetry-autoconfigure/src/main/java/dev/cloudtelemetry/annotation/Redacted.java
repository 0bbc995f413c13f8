package dev.cloudtelemetry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Never writes this parameter's value, nor, on a method, its return value: where arguments or return
 * values are captured ({@code telemetry.methods.capture-arguments}, {@link Traced#captureArguments()}) it is
 * written as {@code REDACTED}.
 */
@Target({ ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Redacted {

}
