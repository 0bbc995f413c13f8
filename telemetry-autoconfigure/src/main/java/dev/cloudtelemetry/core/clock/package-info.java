/**
 * Event timestamps.
 */
@NullMarked
package dev.cloudtelemetry.core.clock;

import org.jspecify.annotations.NullMarked;
