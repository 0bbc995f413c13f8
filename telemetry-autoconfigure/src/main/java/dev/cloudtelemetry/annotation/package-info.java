/**
 * Annotations that choose what is traced: {@code @Traced} and {@code @NotTraced}.
 */
@NullMarked
package dev.cloudtelemetry.annotation;

import org.jspecify.annotations.NullMarked;
