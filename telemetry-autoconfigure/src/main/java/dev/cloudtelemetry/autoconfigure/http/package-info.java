/**
 * Auto-configuration of HTTP tracing: client interceptors and server filters.
 */
package dev.cloudtelemetry.autoconfigure.http;
