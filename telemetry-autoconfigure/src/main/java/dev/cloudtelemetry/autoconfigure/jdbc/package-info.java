/**
 * Auto-configuration of JDBC tracing: every {@code DataSource} bean wrapped once.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
