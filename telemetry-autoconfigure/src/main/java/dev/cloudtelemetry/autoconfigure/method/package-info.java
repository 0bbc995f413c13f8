/**
 * Auto-configuration of bean-method tracing: the advisor, its pointcut and interceptor.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.method;

import org.jspecify.annotations.NullMarked;
