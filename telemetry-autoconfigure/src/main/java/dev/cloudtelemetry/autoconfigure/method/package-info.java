/**
 * Auto-configuration of bean-method tracing: the advisor, its pointcut and interceptor.
 */
package dev.cloudtelemetry.autoconfigure.method;
