package dev.cloudtelemetry.instrument.jdbc;

import java.util.Locale;

/**
 * Replaces the literals of an SQL text with {@code ?} in one pass over its characters, without regular
 * expressions: quoted strings (with doubled quotes and, where the dialect has them, backslash escapes),
 * {@code E'..'}, {@code N'..'}, {@code X'..'} and {@code B'..'} strings, PostgreSQL dollar-quoted
 * strings, numbers (integers, decimals, exponents, negatives, {@code 0x} hex) and booleans. Comments
 * are removed, runs of white space become one space, {@code IN (?, ?, ?)} becomes {@code IN (?)}.
 * Identifiers (also double-quoted and back-quoted ones), keywords and parameters ({@code ?},
 * {@code $1}, {@code :name}) are kept.
 * <p>
 * Anything that cannot be closed (an unterminated string or comment) is replaced up to the end of the
 * text, so that malformed input never leaks. Instances are immutable and thread-safe.
 */
public final class SqlSanitizer {

	/** ANSI quoting: {@code '..'} strings with doubled quotes, {@code ".."} identifiers. */
	public static final SqlSanitizer STANDARD = new SqlSanitizer(false, false, false);

	/**
	 * MySQL and MariaDB: backslash escapes in strings, {@code ".."} is a string too (unless ANSI_QUOTES),
	 * {@code `..`} identifiers.
	 */
	public static final SqlSanitizer MYSQL = new SqlSanitizer(true, true, false);

	/**
	 * For error messages rather than statements: double quotes are plain characters (drivers quote the
	 * statement in them), everything else as {@link #STANDARD}.
	 */
	public static final SqlSanitizer MESSAGE = new SqlSanitizer(false, false, true);

	private final boolean backslashEscapes;

	private final boolean doubleQuotedStrings;

	private final boolean doubleQuotesArePlain;

	private SqlSanitizer(boolean backslashEscapes, boolean doubleQuotedStrings, boolean doubleQuotesArePlain) {
		this.backslashEscapes = backslashEscapes;
		this.doubleQuotedStrings = doubleQuotedStrings;
		this.doubleQuotesArePlain = doubleQuotesArePlain;
	}

	/**
	 * Sanitizes {@code sql}.
	 * @param sql the statement text, may be {@code null}
	 * @return the sanitized text and the statement's operation
	 */
	public SanitizedSql sanitize(String sql) {
		if (sql == null) {
			return new SanitizedSql("", null);
		}
		return new Lexer(sql, this).run();
	}

	/** The lexer's state for one text; a value is a literal, identifier, parameter or closing bracket. */
	private static final class Lexer {

		private final String sql;

		private final int length;

		private final SqlSanitizer dialect;

		private final StringBuilder out;

		private int pos;

		private boolean lastWasValue;

		private boolean pendingSpace;

		/** Output index of the '(' following IN, or -1. */
		private int inListStart = -1;

		private boolean lastWordWasIn;

		private int depth;

		private String operation;

		private boolean expectOperation = true;

		private boolean withClause;

		Lexer(String sql, SqlSanitizer dialect) {
			this.sql = sql;
			this.length = sql.length();
			this.dialect = dialect;
			this.out = new StringBuilder(Math.min(this.length, 4096));
		}

		SanitizedSql run() {
			while (this.pos < this.length) {
				char c = this.sql.charAt(this.pos);
				if (Character.isWhitespace(c)) {
					this.pos++;
					this.pendingSpace = this.out.length() > 0;
				}
				else if (c == '-' && peek(1) == '-') {
					skipLineComment();
				}
				else if (c == '#' && this.dialect.backslashEscapes) {
					skipLineComment();
				}
				else if (c == '/' && peek(1) == '*') {
					skipBlockComment();
				}
				else if (c == '\'') {
					string('\'', this.dialect.backslashEscapes);
				}
				else if (c == '"') {
					if (this.dialect.doubleQuotesArePlain) {
						punctuation(c);
					}
					else if (this.dialect.doubleQuotedStrings) {
						string('"', true);
					}
					else {
						quotedIdentifier('"');
					}
				}
				else if (c == '`') {
					quotedIdentifier('`');
				}
				else if (c == '$') {
					dollar();
				}
				else if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !this.lastWasValue)) {
					number(this.pos);
				}
				else if (c == '-' && !this.lastWasValue && startsNumber(this.pos + 1)) {
					number(this.pos);
				}
				else if (isWordStart(c)) {
					word();
				}
				else if (c == ':' && isWordStart(peek(1)) && peek(-1) != ':') {
					// a named parameter
					int start = this.pos++;
					while (this.pos < this.length && isWordPart(this.sql.charAt(this.pos))) {
						this.pos++;
					}
					emit(this.sql, start, this.pos, true);
				}
				else {
					punctuation(c);
				}
			}
			return new SanitizedSql(this.out.toString(), this.operation);
		}

		private char peek(int offset) {
			int index = this.pos + offset;
			return (index >= 0 && index < this.length) ? this.sql.charAt(index) : '\0';
		}

		private boolean startsNumber(int index) {
			if (index >= this.length) {
				return false;
			}
			char c = this.sql.charAt(index);
			return isDigit(c) || (c == '.' && index + 1 < this.length && isDigit(this.sql.charAt(index + 1)));
		}

		private void skipLineComment() {
			while (this.pos < this.length && this.sql.charAt(this.pos) != '\n' && this.sql.charAt(this.pos) != '\r') {
				this.pos++;
			}
			this.pendingSpace = this.out.length() > 0;
		}

		private void skipBlockComment() {
			int nesting = 0;
			while (this.pos < this.length) {
				char c = this.sql.charAt(this.pos);
				if (c == '/' && peek(1) == '*') {
					nesting++;
					this.pos += 2;
				}
				else if (c == '*' && peek(1) == '/') {
					nesting--;
					this.pos += 2;
					if (nesting == 0) {
						break;
					}
				}
				else {
					this.pos++;
				}
			}
			this.pendingSpace = this.out.length() > 0;
		}

		/** A quoted literal from the opening quote at {@code pos}; unterminated runs to the end. */
		private void string(char quote, boolean backslashEscapes) {
			this.pos++;
			while (this.pos < this.length) {
				char c = this.sql.charAt(this.pos);
				if (backslashEscapes && c == '\\') {
					this.pos += 2;
				}
				else if (c == quote) {
					if (peek(1) == quote) {
						this.pos += 2;
					}
					else {
						this.pos++;
						break;
					}
				}
				else {
					this.pos++;
				}
			}
			this.pos = Math.min(this.pos, this.length);
			literal();
		}

		private void quotedIdentifier(char quote) {
			int start = this.pos++;
			while (this.pos < this.length) {
				char c = this.sql.charAt(this.pos++);
				if (c == quote) {
					if (this.pos < this.length && this.sql.charAt(this.pos) == quote) {
						this.pos++;
					}
					else {
						break;
					}
				}
			}
			emit(this.sql, start, this.pos, true);
		}

		/** {@code $1} stays, {@code $tag$...$tag$} and {@code $$...$$} are literals. */
		private void dollar() {
			int start = this.pos;
			if (isDigit(peek(1))) {
				this.pos++;
				while (this.pos < this.length && isDigit(this.sql.charAt(this.pos))) {
					this.pos++;
				}
				emit(this.sql, start, this.pos, true);
				return;
			}
			int tagEnd = this.pos + 1;
			if (tagEnd < this.length && isWordStart(this.sql.charAt(tagEnd))) {
				while (tagEnd < this.length && isTagPart(this.sql.charAt(tagEnd))) {
					tagEnd++;
				}
			}
			if (tagEnd >= this.length || this.sql.charAt(tagEnd) != '$') {
				punctuation('$');
				return;
			}
			String tag = this.sql.substring(start, tagEnd + 1);
			int close = this.sql.indexOf(tag, tagEnd + 1);
			this.pos = (close < 0) ? this.length : close + tag.length();
			literal();
		}

		private void number(int start) {
			this.pos = start;
			if (this.sql.charAt(this.pos) == '-') {
				this.pos++;
			}
			if (this.sql.charAt(this.pos) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
				this.pos += 2;
				while (this.pos < this.length && Character.digit(this.sql.charAt(this.pos), 16) >= 0) {
					this.pos++;
				}
			}
			else {
				skipDigits();
				if (this.pos < this.length && this.sql.charAt(this.pos) == '.') {
					this.pos++;
					skipDigits();
				}
				char c = peek(0);
				if ((c == 'e' || c == 'E') && (isDigit(peek(1))
						|| ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
					this.pos += 2;
					skipDigits();
				}
			}
			// a number glued to letters (1st, 2abc) is still a literal: swallow the rest of the word
			while (this.pos < this.length && isWordPart(this.sql.charAt(this.pos))) {
				this.pos++;
			}
			literal();
		}

		private void skipDigits() {
			while (this.pos < this.length && isDigit(this.sql.charAt(this.pos))) {
				this.pos++;
			}
		}

		private void word() {
			int start = this.pos;
			while (this.pos < this.length && isWordPart(this.sql.charAt(this.pos))) {
				this.pos++;
			}
			int wordLength = this.pos - start;
			char next = peek(0);
			if (next == '\'' && isStringPrefix(start, wordLength)) {
				boolean escapes = this.dialect.backslashEscapes || Character.toUpperCase(this.sql.charAt(start)) == 'E';
				string('\'', escapes);
				return;
			}
			if (next == '&' && peek(1) == '\'' && wordLength == 1 && Character.toUpperCase(this.sql.charAt(start)) == 'U') {
				this.pos++;
				string('\'', false);
				return;
			}
			if (isKeyword(start, wordLength, "TRUE") || isKeyword(start, wordLength, "FALSE")) {
				literal();
				return;
			}
			boolean isIn = isKeyword(start, wordLength, "IN");
			trackOperation(start, wordLength);
			emit(this.sql, start, this.pos, true);
			this.lastWordWasIn = isIn;
		}

		private boolean isStringPrefix(int start, int wordLength) {
			if (wordLength != 1) {
				return false;
			}
			char prefix = Character.toUpperCase(this.sql.charAt(start));
			return prefix == 'E' || prefix == 'N' || prefix == 'X' || prefix == 'B';
		}

		private void trackOperation(int start, int wordLength) {
			if (this.expectOperation) {
				this.expectOperation = false;
				String word = this.sql.substring(start, start + wordLength).toUpperCase(Locale.ROOT);
				if (this.operation == null) {
					this.operation = word;
					this.withClause = word.equals("WITH");
				}
				return;
			}
			if (this.withClause && this.depth == 0) {
				for (String main : MAIN_OPERATIONS) {
					if (isKeyword(start, wordLength, main)) {
						this.operation = main;
						this.withClause = false;
						return;
					}
				}
			}
		}

		private boolean isKeyword(int start, int wordLength, String keyword) {
			return wordLength == keyword.length() && this.sql.regionMatches(true, start, keyword, 0, wordLength);
		}

		private void punctuation(char c) {
			this.pos++;
			if (c == '(') {
				this.depth++;
				boolean afterIn = this.lastWordWasIn;
				symbol(c);
				this.inListStart = afterIn ? this.out.length() - 1 : -1;
				return;
			}
			if (c == ')') {
				this.depth = Math.max(0, this.depth - 1);
				symbol(c);
				collapseInList();
				this.lastWasValue = true;
				return;
			}
			if (c == ';') {
				this.expectOperation = this.operation == null;
			}
			symbol(c);
		}

		private void symbol(char c) {
			appendSpace();
			this.out.append(c);
			this.lastWasValue = false;
			this.lastWordWasIn = false;
		}

		private void collapseInList() {
			int start = this.inListStart;
			this.inListStart = -1;
			if (start < 0) {
				return;
			}
			int end = this.out.length() - 1;
			int count = 0;
			boolean expectValue = true;
			for (int i = start + 1; i < end; i++) {
				char c = this.out.charAt(i);
				if (c == ' ') {
					continue;
				}
				if (expectValue && c == '?') {
					count++;
					expectValue = false;
				}
				else if (!expectValue && c == ',') {
					expectValue = true;
				}
				else {
					return;
				}
			}
			if (count > 1 && !expectValue) {
				this.out.setLength(start);
				this.out.append("(?)");
			}
		}

		private void literal() {
			appendSpace();
			this.out.append('?');
			this.lastWasValue = true;
			this.lastWordWasIn = false;
		}

		private void emit(String text, int start, int end, boolean value) {
			appendSpace();
			this.out.append(text, start, end);
			this.lastWasValue = value;
			this.lastWordWasIn = false;
		}

		private void appendSpace() {
			if (this.pendingSpace) {
				this.out.append(' ');
				this.pendingSpace = false;
			}
		}

	}

	private static final String[] MAIN_OPERATIONS = { "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE" };

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isWordStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
	}

	private static boolean isWordPart(char c) {
		return isWordStart(c) || isDigit(c) || c == '$' || c == '#' || c == '@';
	}

	private static boolean isTagPart(char c) {
		return isWordStart(c) || isDigit(c);
	}

}
