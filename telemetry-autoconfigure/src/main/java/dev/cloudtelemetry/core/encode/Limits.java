package dev.cloudtelemetry.core.encode;

/**
 * The longest texts written, in characters; a longer one is cut and ends with a marker saying how much
 * was cut. They bound the memory and the line length one event can take, whatever the application puts
 * into a message or an exception.
 *
 * @param message the {@code message}
 * @param attributeValue each string attribute value
 * @param statement {@code db.statement} and {@code db.query.text} (a batch's statements included)
 * @param errorMessage {@code error.message}
 * @param stackTrace {@code error.stacktrace}, cut while it is built
 * @param argument each captured argument ({@code function.arguments.*}) and {@code function.return_value}
 */
public record Limits(int message, int attributeValue, int statement, int errorMessage, int stackTrace, int argument) {

	/**
	 * Limits with captured arguments cut like other attribute values.
	 */
	public Limits(int message, int attributeValue, int statement, int errorMessage, int stackTrace) {
		this(message, attributeValue, statement, errorMessage, stackTrace, attributeValue);
	}

	/** No limit but the stack trace's. */
	public static Limits none(int stackTrace) {
		return new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, stackTrace);
	}

}
