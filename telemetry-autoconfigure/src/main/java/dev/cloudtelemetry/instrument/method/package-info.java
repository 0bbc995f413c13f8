/**
 * Method tracing without Spring: method descriptions, calls and their events.
 */
@NullMarked
package dev.cloudtelemetry.instrument.method;

import org.jspecify.annotations.NullMarked;
