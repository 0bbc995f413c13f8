/**
 * The telemetry.v2 event model.
 */
@NullMarked
package dev.cloudtelemetry.core.event;

import org.jspecify.annotations.NullMarked;
