/**
 * Spring Boot auto-configuration of the starter: properties, environment aliases and failure analysis.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure;

import org.jspecify.annotations.NullMarked;
