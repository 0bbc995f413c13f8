package dev.cloudtelemetry.core.redact;

import java.util.Set;

import dev.cloudtelemetry.redact.Field;

/**
 * The attributes whose values the starter takes from the code or the protocol, never from data: names of
 * types, methods, parameters and source files, routes, HTTP methods, operations and database systems, span
 * kinds, the program's name and the parent's correlation id. None holds a secret or a URL (no {@code ://},
 * no {@code %}: Java names cannot hold them), so the built-in redactors return them unchanged and vouch for
 * them ({@link PureRedactor#passesEveryValue}): scanning them on every event would cost the writer thread for
 * nothing. An application's own redactors still see them.
 */
public final class CodeNames {

	private static final Set<String> NAMES = Set.of("code.namespace", "code.function", "function.parameters",
			"caller.function", "caller.file", "program_name", "parent_correlation_id", "span.kind", "http.method",
			"http.request.method", "http.route", "db.system", "db.system.name", "db.operation", "db.operation.name",
			"error.type", "exception.type");

	private CodeNames() {
	}

	/**
	 * @param field where a value is written
	 * @return whether it is one of these attributes
	 */
	public static boolean contains(Field field) {
		return field.kind() == Field.Kind.ATTRIBUTE && NAMES.contains(field.name());
	}

}
