package dev.cloudtelemetry.instrument.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers sanitized statements by their text, up to a number of entries: applications run the same
 * prepared statements over and over, so the lexer runs once per distinct text. When the cache is full
 * it starts again empty, which keeps it bounded without bookkeeping on the hot path.
 */
public final class SanitizedSqlCache {

	private final SqlSanitizer sanitizer;

	private final int maxEntries;

	private final ConcurrentHashMap<String, SanitizedSql> entries = new ConcurrentHashMap<>();

	/**
	 * @param sanitizer the sanitizer
	 * @param maxEntries the most statements kept; {@code 0} disables caching
	 */
	public SanitizedSqlCache(SqlSanitizer sanitizer, int maxEntries) {
		this.sanitizer = sanitizer;
		this.maxEntries = maxEntries;
	}

	/** The sanitized form of {@code sql}, from the cache when it is there. */
	public SanitizedSql get(String sql) {
		if (sql == null) {
			return this.sanitizer.sanitize(null);
		}
		SanitizedSql cached = this.entries.get(sql);
		if (cached != null) {
			return cached;
		}
		SanitizedSql sanitized = this.sanitizer.sanitize(sql);
		if (this.maxEntries > 0) {
			if (this.entries.size() >= this.maxEntries) {
				this.entries.clear();
			}
			this.entries.put(sql, sanitized);
		}
		return sanitized;
	}

	/** The number of cached statements. */
	public int size() {
		return this.entries.size();
	}

}
