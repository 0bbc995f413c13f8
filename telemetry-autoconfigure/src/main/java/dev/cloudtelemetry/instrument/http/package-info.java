/**
 * HTTP tracing without Spring: W3C trace context, URL and header sanitizing, client and server spans.
 */
@NullMarked
package dev.cloudtelemetry.instrument.http;

import org.jspecify.annotations.NullMarked;
