/**
 * The telemetry actuator endpoint.
 */
@NullMarked
package dev.cloudtelemetry.actuate;

import org.jspecify.annotations.NullMarked;
