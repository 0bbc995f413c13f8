/**
 * Auto-configuration of HTTP tracing: client interceptors and server filters.
 */
@NullMarked
package dev.cloudtelemetry.autoconfigure.http;

import org.jspecify.annotations.NullMarked;
