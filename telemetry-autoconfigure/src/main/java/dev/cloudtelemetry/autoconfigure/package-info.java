/**
 * Spring Boot auto-configuration of the starter: properties, environment aliases and failure analysis.
 */
package dev.cloudtelemetry.autoconfigure;
