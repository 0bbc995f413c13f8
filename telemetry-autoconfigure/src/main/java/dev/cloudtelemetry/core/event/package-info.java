/**
 * The telemetry.v2 event model.
 */
package dev.cloudtelemetry.core.event;
