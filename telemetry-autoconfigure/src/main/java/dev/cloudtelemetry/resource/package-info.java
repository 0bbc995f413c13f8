/**
 * The static blocks written with every event and the providers that fill them.
 */
@NullMarked
package dev.cloudtelemetry.resource;

import org.jspecify.annotations.NullMarked;
