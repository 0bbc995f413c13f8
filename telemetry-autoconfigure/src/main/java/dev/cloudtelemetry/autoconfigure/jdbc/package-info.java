/**
 * Auto-configuration of JDBC tracing: every {@code DataSource} bean wrapped once.
 */
package dev.cloudtelemetry.autoconfigure.jdbc;
