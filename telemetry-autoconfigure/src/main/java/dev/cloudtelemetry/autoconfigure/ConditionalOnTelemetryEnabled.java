package dev.cloudtelemetry.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code telemetry.enabled} is {@code false}: the one switch that leaves an application as if the
 * starter were absent. Every auto-configuration of the starter carries it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "telemetry.enabled", matchIfMissing = true)
public @interface ConditionalOnTelemetryEnabled {

}
