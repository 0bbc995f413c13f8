/**
 * The recent traces kept in memory for the trace view: the lines the writer wrote, grouped by trace.
 */
@NullMarked
package dev.cloudtelemetry.output.recent;

import org.jspecify.annotations.NullMarked;
