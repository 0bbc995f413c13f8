/**
 * Annotations that choose what is traced: {@code @Traced} and {@code @NotTraced}.
 */
package dev.cloudtelemetry.annotation;
