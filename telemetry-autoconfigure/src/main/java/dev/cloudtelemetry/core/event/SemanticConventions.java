package dev.cloudtelemetry.core.event;

/**
 * Which attribute names HTTP and database events carry: the telemetry.v2 specification's names
 * ({@code http.method}, {@code db.statement}), the current OpenTelemetry semantic conventions
 * ({@code http.request.method}, {@code db.query.text}), or both.
 */
public enum SemanticConventions {

	/** The specification's names only. */
	LEGACY,

	/** The current OpenTelemetry names only. */
	STABLE,

	/** Both names for every attribute that has two. */
	BOTH;

	/**
	 * Adds an attribute under the name or names this mode asks for.
	 * @param event the event under construction
	 * @param legacyName the specification's name
	 * @param stableName the OpenTelemetry name
	 * @param value the value; {@code null} adds nothing
	 * @return the builder
	 */
	public GenericEvent.Builder put(GenericEvent.Builder event, String legacyName, String stableName, Object value) {
		if (this != STABLE) {
			event.attribute(legacyName, value);
		}
		if (this != LEGACY) {
			event.attribute(stableName, value);
		}
		return event;
	}

}
