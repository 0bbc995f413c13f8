/**
 * The recent traces kept in memory for the trace view: the lines the writer wrote, grouped by trace.
 */
package dev.cloudtelemetry.output.recent;
