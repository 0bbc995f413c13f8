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
 * <p>
 * Two generations, each holding up to half the entries and half the bytes: new texts go into the young
 * one, and a text found in the old one is moved up to the young one. When the young generation is full it
 * becomes the old one and the previous old one is let go. So a flood of one-off texts (statements with their
 * literals inline, generated {@code IN} lists) cycles through without evicting the statements the
 * application runs all the time, and the bound holds without bookkeeping on the hot path (a hit is one map
 * lookup).
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

	private final int generationEntries;

	private final long generationBytes;

	private volatile Generation young = new Generation();

	private volatile Generation old = new Generation();

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
		this.generationEntries = Math.max(1, maxEntries / 2);
		this.generationBytes = maxBytes / 2;
	}

	/** The recorded form of {@code sql}, from the cache when it is there. */
	public SanitizedSql get(@Nullable String sql) {
		if (sql == null) {
			return this.sanitizer.sanitize(null);
		}
		Generation young = this.young;
		SanitizedSql cached = young.entries.get(sql);
		if (cached != null) {
			return cached;
		}
		SanitizedSql sanitized = this.old.entries.get(sql);
		if (sanitized == null) {
			sanitized = record(sql);
		}
		long weight = weight(sql, sanitized);
		if (this.maxEntries > 0 && weight <= this.maxEntryBytes) {
			keep(young, sql, sanitized, weight);
		}
		return sanitized;
	}

	private void keep(Generation seen, String sql, SanitizedSql sanitized, long weight) {
		Generation young = seen;
		if (young.entries.size() >= this.generationEntries || young.bytes.get() + weight > this.generationBytes) {
			synchronized (this) {
				if (this.young == young) {
					this.old = young;
					this.young = new Generation();
				}
				young = this.young;
			}
		}
		if (young.entries.putIfAbsent(sql, sanitized) == null) {
			young.bytes.addAndGet(weight);
		}
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

	/** The number of cached entries, of both generations (a text moved up is counted in both until the old one goes). */
	public int size() {
		return this.young.entries.size() + this.old.entries.size();
	}

	/** The bytes the cached entries are counted for, of both generations. */
	public long bytes() {
		return this.young.bytes.get() + this.old.bytes.get();
	}

	/** One generation: its entries and the bytes they are counted for. */
	private static final class Generation {

		final ConcurrentHashMap<String, SanitizedSql> entries = new ConcurrentHashMap<>();

		final AtomicLong bytes = new AtomicLong();

	}

}
