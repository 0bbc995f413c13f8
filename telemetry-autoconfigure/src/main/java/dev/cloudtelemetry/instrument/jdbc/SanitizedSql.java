package dev.cloudtelemetry.instrument.jdbc;

/**
 * An SQL text with its literals replaced by {@code ?}.
 *
 * @param text the sanitized text
 * @param operation the statement's operation in upper case ({@code SELECT}, {@code INSERT}, ...), or
 * {@code null} when the text has no leading keyword
 */
public record SanitizedSql(String text, String operation) {

}
