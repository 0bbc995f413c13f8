package dev.cloudtelemetry.redact;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a value is written: its {@link Kind} and its name (the attribute key, {@code message},
 * {@code error.message}, the metadata key), and for an error's text the error it belongs to.
 */
public final class Field {

	/** The event's {@code message}. */
	public static final Field MESSAGE = new Field(Kind.MESSAGE, "message", null);

	private final Kind kind;

	private final String name;

	private final @Nullable Throwable error;

	private Field(Kind kind, String name, @Nullable Throwable error) {
		this.kind = kind;
		this.name = name;
		this.error = error;
	}

	/**
	 * @param key an attribute key
	 * @return the field of that attribute, its kind derived from the key
	 */
	public static Field attribute(String key) {
		return new Field(kindOf(key), key, null);
	}

	/**
	 * @param error the error an event reports
	 * @return its {@code error.message}
	 */
	public static Field errorMessage(Throwable error) {
		return new Field(Kind.ERROR_MESSAGE, "error.message", error);
	}

	/**
	 * @param error the reported error, one of its causes or one of the errors suppressed in it
	 * @return the message of {@code error} as {@code error.stacktrace} prints it
	 */
	public static Field stackTrace(Throwable error) {
		return new Field(Kind.ERROR_STACKTRACE, "error.stacktrace", error);
	}

	/**
	 * @param key the key of a metadata value ({@code k8s.pod.annotations.team}, {@code process.command_line})
	 * @return the field of that value
	 */
	public static Field metadata(String key) {
		return new Field(Kind.METADATA, key, null);
	}

	static Kind kindOf(String key) {
		if (key.startsWith("function.arguments.") || key.equals("function.return_value")) {
			return Kind.ARGUMENT;
		}
		if (key.startsWith("http.request.header.") || key.startsWith("http.response.header.")) {
			return Kind.HEADER;
		}
		return switch (key) {
			case "http.url", "url.full", "http.target", "url.path", "url.query" -> Kind.URL;
			case "db.statement", "db.query.text" -> Kind.DB_STATEMENT;
			default -> Kind.ATTRIBUTE;
		};
	}

	/** The kind of value. */
	public Kind kind() {
		return this.kind;
	}

	/** The attribute key, {@code message}, {@code error.message}, {@code error.stacktrace} or metadata key. */
	public String name() {
		return this.name;
	}

	/** For {@link Kind#ERROR_MESSAGE} and {@link Kind#ERROR_STACKTRACE}: the error whose message this is. */
	public @Nullable Throwable error() {
		return this.error;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Field field && field.kind == this.kind && field.name.equals(this.name)
				&& field.error == this.error;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.name);
	}

	@Override
	public String toString() {
		return this.kind + " " + this.name;
	}

	/**
	 * The kinds of value a redactor sees.
	 */
	public enum Kind {

		/** The event's {@code message}. */
		MESSAGE,

		/** An attribute value of no more specific kind. */
		ATTRIBUTE,

		/** A URL or URL path attribute ({@code http.url}, {@code url.full}, {@code url.path}). */
		URL,

		/** A recorded header ({@code http.request.header.*}, {@code http.response.header.*}). */
		HEADER,

		/** An SQL statement ({@code db.statement}, {@code db.query.text}). */
		DB_STATEMENT,

		/** A captured argument ({@code function.arguments.*}) or return value ({@code function.return_value}). */
		ARGUMENT,

		/** {@code error.message}. */
		ERROR_MESSAGE,

		/** The message of one error in {@code error.stacktrace}: the reported one, a cause or a suppressed one. */
		ERROR_STACKTRACE,

		/** A resource or metadata value ({@code process.command_line}, pod annotations, cloud metadata). */
		METADATA

	}

}
