package dev.cloudtelemetry.instrument.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Remembers recorded statements by their text, up to a number of entries and a number of bytes:
 * applications run the same prepared statements over and over, so the lexer (which finds the operation)
 * and the statement redactor ({@code telemetrySqlLiteralRedactor}) run once per distinct text.
 * When the cache is full it starts again empty, which keeps it bounded without bookkeeping on the hot path.
 * <p>
 * A statement whose entry would take more than a sixty-fourth of the byte budget (a generated
 * {@code IN} list, a bulk insert) is sanitized every time instead of being kept: the cache never holds on
 * to a huge raw statement text, and such statements are rarely run twice with the same text.
 */
public final class SanitizedSqlCache {

	/** Bytes counted for an entry beyond its two texts: map node, key and value objects. */
	private static final int ENTRY_OVERHEAD = 96;

	private final SqlSanitizer sanitizer;

	private final @Nullable TelemetryRedactor statements;

	private final int maxEntries;

	private final long maxBytes;

	private final long maxEntryBytes;

	private final ConcurrentHashMap<String, SanitizedSql> entries = new ConcurrentHashMap<>();

	private final AtomicLong bytes = new AtomicLong();

	/**
	 * @param sanitizer the sanitizer
	 * @param maxEntries the most statements kept; {@code 0} disables caching
	 */
	public SanitizedSqlCache(SqlSanitizer sanitizer, int maxEntries) {
		this(sanitizer, maxEntries, Long.MAX_VALUE);
	}

	/**
	 * @param sanitizer the sanitizer
	 * @param maxEntries the most statements kept; {@code 0} disables caching
	 * @param maxBytes the most bytes the kept texts take (counted at two bytes a character, plus a fixed
	 * overhead per entry); {@code 0} disables caching
	 */
	public SanitizedSqlCache(SqlSanitizer sanitizer, int maxEntries, long maxBytes) {
		this(sanitizer, SqlLiteralRedactor.BUILT_IN, maxEntries, maxBytes);
	}

	/**
	 * @param sanitizer the lexer of the database's dialect: it finds the operation, and is how the built-in
	 * {@link SqlLiteralRedactor} replaces literals
	 * @param statements the redactor applied to each new statement text, or {@code null} to record the
	 * texts as they are (literals included)
	 * @param maxEntries the most statements kept; {@code 0} disables caching
	 * @param maxBytes the most bytes the kept texts take (counted at two bytes a character, plus a fixed
	 * overhead per entry); {@code 0} disables caching
	 */
	public SanitizedSqlCache(SqlSanitizer sanitizer, @Nullable TelemetryRedactor statements, int maxEntries,
			long maxBytes) {
		this.sanitizer = sanitizer;
		this.statements = statements;
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
		this.maxEntryBytes = maxBytes / 64;
	}

	/** The recorded form of {@code sql}, from the cache when it is there. */
	public SanitizedSql get(@Nullable String sql) {
		if (sql == null) {
			return this.sanitizer.sanitize(null);
		}
		SanitizedSql cached = this.entries.get(sql);
		if (cached != null) {
			return cached;
		}
		SanitizedSql sanitized = record(sql);
		long weight = weight(sql, sanitized);
		if (this.maxEntries > 0 && weight <= this.maxEntryBytes) {
			if (this.entries.size() >= this.maxEntries || this.bytes.get() + weight > this.maxBytes) {
				this.entries.clear();
				this.bytes.set(0);
			}
			if (this.entries.putIfAbsent(sql, sanitized) == null) {
				this.bytes.addAndGet(weight);
			}
		}
		return sanitized;
	}

	private SanitizedSql record(String sql) {
		SanitizedSql lexed = this.sanitizer.sanitize(sql);
		if (this.statements instanceof SqlLiteralRedactor) {
			// the built-in redactor: the lexer's text, in the database's dialect, from the same pass
			return lexed;
		}
		String text = (this.statements != null) ? Redactors.apply(this.statements, SqlLiteralRedactor.STATEMENT, sql)
				: sql;
		return new SanitizedSql(text, lexed.operation());
	}

	private static long weight(String sql, SanitizedSql sanitized) {
		int sanitizedLength = (sanitized.text() != null) ? sanitized.text().length() : 0;
		return 2L * (sql.length() + sanitizedLength) + ENTRY_OVERHEAD;
	}

	/** The number of cached statements. */
	public int size() {
		return this.entries.size();
	}

	/** The bytes the cached statements are counted for. */
	public long bytes() {
		return this.bytes.get();
	}

}
