/**
 * Event timestamps.
 */
package dev.cloudtelemetry.core.clock;
