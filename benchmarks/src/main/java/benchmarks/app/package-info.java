/**
 * The application whose bean the traced-call benchmark calls.
 */
package benchmarks.app;
