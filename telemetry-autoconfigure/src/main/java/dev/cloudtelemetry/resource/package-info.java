/**
 * The static blocks written with every event and the providers that fill them.
 */
package dev.cloudtelemetry.resource;
