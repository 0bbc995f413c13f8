/**
 * Small JSON writer and reader for the hot and start-up paths.
 */
@NullMarked
package dev.cloudtelemetry.core.json;

import org.jspecify.annotations.NullMarked;
