/**
 * Auto-configuration of the OTLP export, when the application has the OpenTelemetry OTLP exporter.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.otlp;

import org.jspecify.annotations.NullMarked;
