/**
 * Auto-configuration of the metadata providers.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.metadata;

import org.jspecify.annotations.NullMarked;
