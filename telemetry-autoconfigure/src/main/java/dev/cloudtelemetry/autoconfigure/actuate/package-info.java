/**
 * Auto-configuration of the telemetry actuator endpoint.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
