/**
 * Application of the server filter benchmark, outside the starter's own packages so that the starter instruments it.
 */
package benchmarks.server;
