/**
 * Application of the JDBC benchmark, outside the starter's own packages so that the starter instruments it.
 */
@NullMarked
package benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
