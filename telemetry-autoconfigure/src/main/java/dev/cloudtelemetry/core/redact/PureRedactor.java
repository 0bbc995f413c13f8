package dev.cloudtelemetry.core.redact;

import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * A redactor whose result depends on nothing but the field's kind and name and the value: not on the error
 * a field belongs to, the time, or any state that changes. {@link Redactors} may therefore remember a value
 * such redactors let through unchanged and not ask them again about the same value in the same field. The
 * built-in URL and secret-pattern redactors are; an application's redactors are never assumed to be.
 */
public interface PureRedactor extends TelemetryRedactor {

}
