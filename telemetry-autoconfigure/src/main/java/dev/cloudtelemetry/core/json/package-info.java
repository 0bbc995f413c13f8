/**
 * Small JSON writer and reader for the hot and start-up paths.
 */
package dev.cloudtelemetry.core.json;
