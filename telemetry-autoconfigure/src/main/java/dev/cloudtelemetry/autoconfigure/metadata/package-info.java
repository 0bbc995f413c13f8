/**
 * Auto-configuration of the metadata providers.
 */
package dev.cloudtelemetry.autoconfigure.metadata;
