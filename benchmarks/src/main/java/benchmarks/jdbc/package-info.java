/**
 * Application of the JDBC benchmark, outside the starter's own packages so that the starter instruments it.
 */
package benchmarks.jdbc;
