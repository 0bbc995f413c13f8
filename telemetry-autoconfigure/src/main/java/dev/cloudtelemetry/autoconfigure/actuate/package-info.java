/**
 * Auto-configuration of the telemetry actuator endpoint.
 */
package dev.cloudtelemetry.autoconfigure.actuate;
