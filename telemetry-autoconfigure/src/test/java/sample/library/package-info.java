/**
 * Beans of a "library" outside the application's packages: traced only where {@link dev.cloudtelemetry.annotation.Traced} says so.
 */
package sample.library;
