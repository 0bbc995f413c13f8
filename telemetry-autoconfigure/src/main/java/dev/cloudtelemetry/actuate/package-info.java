/**
 * The telemetry actuator endpoint.
 */
package dev.cloudtelemetry.actuate;
