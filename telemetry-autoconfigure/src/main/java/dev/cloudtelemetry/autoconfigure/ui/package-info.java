/**
 * Auto-configuration of the trace view: the recent traces kept in memory and the page that shows them.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.ui;

import org.jspecify.annotations.NullMarked;
