/**
 * Spans, their identifiers and the current span of a thread.
 */
package dev.cloudtelemetry.core.context;
