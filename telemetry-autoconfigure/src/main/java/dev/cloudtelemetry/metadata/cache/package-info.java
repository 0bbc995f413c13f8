/**
 * The file cache of resolved metadata.
 */
@NullMarked
package dev.cloudtelemetry.metadata.cache;

import org.jspecify.annotations.NullMarked;
