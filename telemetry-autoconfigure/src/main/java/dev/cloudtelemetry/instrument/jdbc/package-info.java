/**
 * JDBC tracing without Spring: statement events and SQL sanitizing.
 */
@NullMarked
package dev.cloudtelemetry.instrument.jdbc;

import org.jspecify.annotations.NullMarked;
