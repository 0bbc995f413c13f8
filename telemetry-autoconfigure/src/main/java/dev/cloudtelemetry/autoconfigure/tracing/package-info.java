/**
 * The starter beside the tracers an application already runs: Micrometer Tracing and the OpenTelemetry
 * Java agent.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.tracing;

import org.jspecify.annotations.NullMarked;
