/**
 * Auto-configuration of the trace view: the recent traces kept in memory and the page that shows them.
 */
package dev.cloudtelemetry.autoconfigure.ui;
