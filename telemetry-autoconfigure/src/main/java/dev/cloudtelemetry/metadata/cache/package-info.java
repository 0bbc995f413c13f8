/**
 * The file cache of resolved metadata.
 */
package dev.cloudtelemetry.metadata.cache;
