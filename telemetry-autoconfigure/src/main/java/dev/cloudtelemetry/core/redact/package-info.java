/**
 * Redaction of secrets from the text the starter writes: the redactor SPI and the built-in secret patterns.
 */
@NullMarked
package dev.cloudtelemetry.core.redact;

import org.jspecify.annotations.NullMarked;
