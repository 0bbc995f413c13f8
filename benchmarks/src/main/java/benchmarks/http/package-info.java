/**
 * Application of the RestClient benchmark, outside the starter's own packages so that the starter instruments it.
 */
package benchmarks.http;
