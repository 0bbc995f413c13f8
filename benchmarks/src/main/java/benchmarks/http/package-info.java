/**
 * Application of the RestClient benchmark, outside the starter's own packages so that the starter instruments it.
 */
@NullMarked
package benchmarks.http;

import org.jspecify.annotations.NullMarked;
