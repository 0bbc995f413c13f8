/**
 * The asynchronous writer and the outputs it writes JSON lines to.
 */
package dev.cloudtelemetry.output;
