/**
 * HTTP tracing without Spring: W3C trace context, URL and header sanitizing, client and server spans.
 */
package dev.cloudtelemetry.instrument.http;
