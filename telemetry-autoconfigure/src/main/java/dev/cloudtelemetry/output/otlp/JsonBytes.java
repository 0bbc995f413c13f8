package dev.cloudtelemetry.output.otlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A strict JSON cursor over UTF-8 bytes, for the exporter's hot path: it finds values and their extent
 * without making a {@code String} or a map for what it only passes over. It accepts what
 * {@link dev.cloudtelemetry.core.json.JsonReader} accepts (RFC 8259, nesting up to 64 levels) and reads the same
 * values (numbers as {@code long} when they are integers that fit, else {@code double}); unlike it, a line
 * feed is never whitespace (it ends a JSONL line) and malformed UTF-8 is passed through to the decoder.
 * Errors are {@link IllegalArgumentException}s.
 */
final class JsonBytes {

	static final int MAX_DEPTH = 64;

	/** The bytes a string's scan stops at: its end, an escape, a control character. */
	private static final boolean[] STRING_STOP = new boolean[256];

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	static {
		for (int c = 0; c < 0x20; c++) {
			STRING_STOP[c] = true;
		}
		STRING_STOP['"'] = true;
		STRING_STOP['\\'] = true;
	}

	private byte[] bytes = new byte[0];

	private int position;

	private int limit;

	/** Start of the last string's content (after its opening quote). */
	private int stringStart;

	/** End of the last string's content (its closing quote). */
	private int stringEnd;

	private boolean stringEscaped;

	private long longValue;

	private double doubleValue;

	private boolean integral;

	JsonBytes reset(byte[] bytes, int position, int limit) {
		this.bytes = bytes;
		this.position = position;
		this.limit = limit;
		return this;
	}

	byte[] bytes() {
		return this.bytes;
	}

	int position() {
		return this.position;
	}

	void position(int position) {
		this.position = position;
	}

	int limit() {
		return this.limit;
	}

	int stringStart() {
		return this.stringStart;
	}

	int stringEnd() {
		return this.stringEnd;
	}

	boolean stringEscaped() {
		return this.stringEscaped;
	}

	/** After {@link #number()}: whether the number is an integer held by {@link #longValue()}. */
	boolean integral() {
		return this.integral;
	}

	long longValue() {
		return this.longValue;
	}

	double doubleValue() {
		return this.doubleValue;
	}

	void skipWhitespace() {
		while (this.position < this.limit) {
			byte b = this.bytes[this.position];
			if (b != ' ' && b != '\t' && b != '\r') {
				return;
			}
			this.position++;
		}
	}

	boolean atEnd() {
		return this.position >= this.limit;
	}

	byte peek() {
		if (this.position >= this.limit) {
			throw error("unexpected end of the document");
		}
		return this.bytes[this.position];
	}

	byte next() {
		byte b = peek();
		this.position++;
		return b;
	}

	void expect(char expected) {
		if (next() != expected) {
			throw error("expected '" + expected + "'");
		}
	}

	/**
	 * Reads a string (the cursor is on its opening quote) and moves past it; its content is then between
	 * {@link #stringStart()} and {@link #stringEnd()}.
	 */
	void string() {
		byte[] b = this.bytes;
		int p = this.position + 1;
		boolean escaped = false;
		int limit = this.limit;
		while (true) {
			p = skipPlain(b, p, limit);
			while (p < limit && !STRING_STOP[b[p] & 0xff]) {
				p++;
			}
			if (p >= limit) {
				this.position = p;
				throw error("unterminated string");
			}
			byte c = b[p];
			if (c == '"') {
				break;
			}
			if (c == '\\') {
				escaped = true;
				p = escape(p + 1);
			}
			else {
				this.position = p;
				throw error("control character in a string");
			}
		}
		this.stringStart = this.position + 1;
		this.stringEnd = p;
		this.stringEscaped = escaped;
		this.position = p + 1;
	}

	/**
	 * Skips eight bytes at a time while none of them is a quote, a backslash or a control character (the
	 * usual bit tricks: a byte of {@code x ^ c} is zero where a byte of {@code x} is {@code c}; the first flagged
	 * byte is where the skip stops, and the caller checks it).
	 */
	private static int skipPlain(byte[] b, int from, int limit) {
		int p = from;
		while (p + 8 <= limit) {
			long x = (long) LONGS.get(b, p);
			long quotes = x ^ 0x2222222222222222L;
			long backslashes = x ^ 0x5C5C5C5C5C5C5C5CL;
			long found = ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes)
					| ((x - 0x2020202020202020L) & ~x);
			if ((found & HIGH_BITS) != 0) {
				// the lowest flagged byte is a true stop (a false alarm needs a borrow from a stop below it)
				return p + (Long.numberOfTrailingZeros(found & HIGH_BITS) >>> 3);
			}
			p += 8;
		}
		return p;
	}

	/** Checks the escape after a backslash at {@code p}; returns the position after it. */
	private int escape(int p) {
		if (p >= this.limit) {
			this.position = p;
			throw error("unexpected end of the document");
		}
		switch (this.bytes[p]) {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				return p + 1;
			case 'u':
				if (p + 5 > this.limit) {
					this.position = p;
					throw error("truncated unicode escape");
				}
				for (int i = p + 1; i < p + 5; i++) {
					if (hexDigit(this.bytes[i]) < 0) {
						this.position = i;
						throw error("bad unicode escape");
					}
				}
				return p + 5;
			default:
				this.position = p;
				throw error("bad escape '\\" + (char) (this.bytes[p] & 0xff) + "'");
		}
	}

	/** The text of the last string read. */
	String decodeString() {
		return decode(this.bytes, this.stringStart, this.stringEnd, this.stringEscaped);
	}

	/**
	 * The text of a string's content already checked by {@link #string()}.
	 * @param escaped whether it has escapes to resolve
	 */
	static String decode(byte[] bytes, int start, int end, boolean escaped) {
		if (!escaped) {
			return new String(bytes, start, end - start, StandardCharsets.UTF_8);
		}
		StringBuilder result = new StringBuilder(end - start);
		int segment = start;
		int p = start;
		while (p < end) {
			if (bytes[p] != '\\') {
				p++;
				continue;
			}
			result.append(new String(bytes, segment, p - segment, StandardCharsets.UTF_8));
			byte c = bytes[p + 1];
			p += 2;
			switch (c) {
				case 'b' -> result.append('\b');
				case 'f' -> result.append('\f');
				case 'n' -> result.append('\n');
				case 'r' -> result.append('\r');
				case 't' -> result.append('\t');
				case 'u' -> {
					int code = 0;
					for (int i = 0; i < 4; i++) {
						code = (code << 4) | hexDigit(bytes[p++]);
					}
					result.append((char) code);
				}
				default -> result.append((char) c);
			}
			segment = p;
		}
		return result.append(new String(bytes, segment, end - segment, StandardCharsets.UTF_8)).toString();
	}

	/** Moves past the value at the cursor, checking it; {@code depth} is that of the value. */
	void skipValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nested deeper than " + MAX_DEPTH);
		}
		byte c = peek();
		switch (c) {
			case '{' -> skipObject(depth);
			case '[' -> skipArray(depth);
			case '"' -> string();
			case 't' -> literal("true");
			case 'f' -> literal("false");
			case 'n' -> literal("null");
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					number();
				}
				else {
					throw error("unexpected character '" + (char) (c & 0xff) + "'");
				}
			}
		}
	}

	private void skipObject(int depth) {
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a member name");
			}
			string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			skipValue(depth + 1);
			if (endOfMember('}')) {
				return;
			}
		}
	}

	private void skipArray(int depth) {
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return;
		}
		while (true) {
			skipWhitespace();
			skipValue(depth + 1);
			skipWhitespace();
			byte next = next();
			if (next == ']') {
				return;
			}
			if (next != ',') {
				throw error("expected ',' or ']'");
			}
		}
	}

	/**
	 * After a member's value: moves past the {@code ,} before the next member or the closing brace.
	 * @return whether the object ended
	 */
	boolean endOfMember(char close) {
		skipWhitespace();
		byte next = next();
		if (next == close) {
			return true;
		}
		if (next != ',') {
			throw error("expected ',' or '" + close + "'");
		}
		return false;
	}

	/**
	 * Reads the member name at the cursor (after the whitespace before it) and the colon after it, and stops
	 * at its value.
	 */
	void memberName() {
		skipWhitespace();
		if (peek() != '"') {
			throw error("expected a member name");
		}
		string();
		skipWhitespace();
		expect(':');
		skipWhitespace();
	}

	/**
	 * Opens the object at the cursor.
	 * @return whether it has members (when not, the cursor is past its closing brace)
	 */
	boolean openObject() {
		expect('{');
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return false;
		}
		return true;
	}

	private void literal(String word) {
		if (this.position + word.length() > this.limit) {
			throw error("unexpected literal");
		}
		for (int i = 0; i < word.length(); i++) {
			if (this.bytes[this.position + i] != word.charAt(i)) {
				throw error("unexpected literal");
			}
		}
		this.position += word.length();
	}

	/** Reads the number at the cursor: then {@link #integral()} and {@link #longValue()} or {@link #doubleValue()}. */
	void number() {
		byte[] b = this.bytes;
		int start = this.position;
		int p = start;
		if (b[p] == '-') {
			p++;
		}
		boolean decimal = false;
		while (p < this.limit) {
			byte c = b[p];
			if (c >= '0' && c <= '9') {
				p++;
			}
			else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
				decimal = true;
				p++;
			}
			else {
				break;
			}
		}
		this.position = p;
		if (!isJsonNumber(b, start, p)) {
			throw error("bad number '" + new String(b, start, p - start, StandardCharsets.US_ASCII) + "'");
		}
		boolean negative = b[start] == '-';
		int digits = p - start - (negative ? 1 : 0);
		if (!decimal && digits <= 19) {
			long value = 0;
			int i = negative ? start + 1 : start;
			int last = (digits == 19) ? p - 1 : p;
			for (; i < last; i++) {
				value = value * 10 + (b[i] - '0');
			}
			int digit = (digits == 19) ? b[p - 1] - '0' : -1;
			if (digit < 0 || value <= (Long.MAX_VALUE - digit) / 10) {
				value = (digit < 0) ? value : value * 10 + digit;
				this.longValue = negative ? -value : value;
				this.integral = true;
				return;
			}
		}
		String text = new String(b, start, p - start, StandardCharsets.US_ASCII);
		if (!decimal) {
			try {
				this.longValue = Long.parseLong(text);
				this.integral = true;
				return;
			}
			catch (NumberFormatException ex) {
				// larger than a long: a double, as JsonReader reads it
			}
		}
		double value = Double.parseDouble(text);
		if (Double.isInfinite(value)) {
			throw error("number out of range '" + text + "'");
		}
		this.doubleValue = value;
		this.integral = false;
	}

	/** RFC 8259: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
	private static boolean isJsonNumber(byte[] b, int start, int end) {
		int i = start;
		if (i < end && b[i] == '-') {
			i++;
		}
		if (i >= end) {
			return false;
		}
		if (b[i] == '0') {
			i++;
		}
		else {
			int digits = digits(b, i, end);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		if (i < end && b[i] == '.') {
			int digits = digits(b, i + 1, end);
			if (digits == 0) {
				return false;
			}
			i += 1 + digits;
		}
		if (i < end && (b[i] == 'e' || b[i] == 'E')) {
			i++;
			if (i < end && (b[i] == '+' || b[i] == '-')) {
				i++;
			}
			int digits = digits(b, i, end);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		return i == end;
	}

	private static int digits(byte[] b, int from, int end) {
		int i = from;
		while (i < end && b[i] >= '0' && b[i] <= '9') {
			i++;
		}
		return i - from;
	}

	private static int hexDigit(byte c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
	}

	IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Invalid JSON at offset " + this.position + ": " + message);
	}

}
