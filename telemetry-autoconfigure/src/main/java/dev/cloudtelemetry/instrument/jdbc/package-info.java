/**
 * JDBC tracing without Spring: statement events and SQL sanitizing.
 */
package dev.cloudtelemetry.instrument.jdbc;
