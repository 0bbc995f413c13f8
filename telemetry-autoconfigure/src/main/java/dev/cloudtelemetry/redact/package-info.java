/**
 * The redactor SPI: every string the starter writes passes through the application's and the starter's
 * {@link dev.cloudtelemetry.redact.TelemetryRedactor}s.
 */
@NullMarked
package dev.cloudtelemetry.redact;

import org.jspecify.annotations.NullMarked;
