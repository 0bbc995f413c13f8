package dev.cloudtelemetry.core.event;

/**
 * The {@code event_type} values this project writes.
 */
public final class EventTypes {

	public static final String FUNCTION_ENTRY = "function_entry";

	public static final String FUNCTION_EXIT = "function_exit";

	public static final String HTTP_REQUEST = "http_request";

	public static final String HTTP_RESPONSE = "http_response";

	public static final String DB_QUERY = "db_query";

	public static final String EXCEPTION = "exception";

	public static final String TELEMETRY_DROPPED = "telemetry_dropped";

	private EventTypes() {
	}

}
