/**
 * Encoding of events as telemetry.v2 JSON lines.
 */
package dev.cloudtelemetry.core.encode;
