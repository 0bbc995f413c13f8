/**
 * OTLP export: the same spans as the JSON lines, sent to an OpenTelemetry Collector by the official OTLP
 * exporters from a thread of their own.
 */
@NullMarked
package dev.cloudtelemetry.output.otlp;

import org.jspecify.annotations.NullMarked;
