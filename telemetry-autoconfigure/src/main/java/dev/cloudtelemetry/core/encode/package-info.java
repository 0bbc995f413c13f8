/**
 * Encoding of events as telemetry.v2 JSON lines.
 */
@NullMarked
package dev.cloudtelemetry.core.encode;

import org.jspecify.annotations.NullMarked;
