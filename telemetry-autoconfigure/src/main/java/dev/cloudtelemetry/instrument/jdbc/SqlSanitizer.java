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

		/** In a message, between the double quotes around a statement. */
		private boolean inQuotedStatement;

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
						messageQuote();
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

		/** A quoted identifier; one left open is replaced up to the end, since what follows may be data. */
		private void quotedIdentifier(char quote) {
			int start = this.pos++;
			boolean closed = false;
			while (this.pos < this.length && !closed) {
				char c = this.sql.charAt(this.pos++);
				if (c == quote) {
					if (this.pos < this.length && this.sql.charAt(this.pos) == quote) {
						this.pos++;
					}
					else {
						closed = true;
					}
				}
			}
			if (closed) {
				emit(this.sql, start, this.pos, true);
			}
			else {
				literal();
			}
		}

		/**
		 * Double quotes in a driver's message: around the failing statement (H2: {@code Syntax error in SQL
		 * statement "SELECT ..."}), whose literals the lexer then replaces; around a named object
		 * ({@code column "email" of relation "users"}), kept; anything else is a value
		 * ({@code invalid input syntax for type integer: "alice@example.com"}) and replaced.
		 */
		private void messageQuote() {
			if (this.inQuotedStatement || startsStatement(this.pos + 1)) {
				this.inQuotedStatement = !this.inQuotedStatement;
				punctuation('"');
			}
			else if (followsObjectNoun()) {
				quotedIdentifier('"');
			}
			else {
				string('"', false);
			}
		}

		private boolean startsStatement(int index) {
			int start = index;
			while (start < this.length && Character.isWhitespace(this.sql.charAt(start))) {
				start++;
			}
			int end = start;
			while (end < this.length && isWordStart(this.sql.charAt(end))) {
				end++;
			}
			for (String keyword : STATEMENT_KEYWORDS) {
				if (end - start == keyword.length() && this.sql.regionMatches(true, start, keyword, 0, keyword.length())) {
					return true;
				}
			}
			return false;
		}

		private boolean followsObjectNoun() {
			int end = this.pos;
			while (end > 0 && this.sql.charAt(end - 1) == ' ') {
				end--;
			}
			int start = end;
			while (start > 0 && isWordStart(this.sql.charAt(start - 1))) {
				start--;
			}
			for (String noun : OBJECT_NOUNS) {
				if (end - start == noun.length() && this.sql.regionMatches(true, start, noun, 0, noun.length())) {
					return true;
				}
			}
			return false;
		}

		/** Oracle's alternative quoting: {@code q'[...]'}, {@code nq'{...}'}, {@code Q'!...!'}. */
		private void alternativeQuotedString() {
			this.pos++;
			char open = peek(0);
			char close = switch (open) {
				case '[' -> ']';
				case '{' -> '}';
				case '<' -> '>';
				case '(' -> ')';
				default -> open;
			};
			int end = (open == '\0') ? -1 : this.sql.indexOf(String.valueOf(close) + '\'', this.pos + 1);
			this.pos = (end < 0) ? this.length : end + 2;
			literal();
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
			if (next == '\'' && isAlternativeQuotePrefix(start, wordLength)) {
				alternativeQuotedString();
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

		private boolean isAlternativeQuotePrefix(int start, int wordLength) {
			return (wordLength == 1 && isKeyword(start, 1, "Q")) || (wordLength == 2 && isKeyword(start, 2, "NQ"));
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

	private static final String[] STATEMENT_KEYWORDS = { "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH",
			"CREATE", "ALTER", "DROP", "CALL", "TRUNCATE", "VALUES", "EXPLAIN", "GRANT", "REVOKE", "SET", "TABLE",
			"UPSERT", "REPLACE", "EXEC", "EXECUTE", "DECLARE", "BEGIN", "COMMENT" };

	/** Words after which a driver's message quotes the name of an object rather than a value. */
	private static final String[] OBJECT_NOUNS = { "relation", "column", "table", "constraint", "index", "sequence",
			"schema", "type", "function", "procedure", "database", "role", "user", "view", "trigger", "extension",
			"operator", "domain", "collation", "tablespace", "catalog", "alias", "synonym", "publication",
			"subscription", "server", "field", "key", "routine", "aggregate", "policy", "rule", "cursor",
			"savepoint", "statement" };

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
