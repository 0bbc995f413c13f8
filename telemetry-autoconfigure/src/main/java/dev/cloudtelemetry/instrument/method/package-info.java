/**
 * Method tracing without Spring: method descriptions, calls and their events.
 */
package dev.cloudtelemetry.instrument.method;
