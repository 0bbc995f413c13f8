package dev.cloudtelemetry.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for the few documents the starter reads (its metadata cache and the
 * answers of metadata services): objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s,
 * numbers {@link Long} or {@link Double}. Hand-written because loading a general JSON library costs a
 * fresh JVM a few hundred milliseconds, which off-cloud start-up cannot afford (see
 * {@code benchmarks/RESULTS-integrations.md}).
 */
public final class JsonReader {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int position;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * @param text a JSON document
	 * @return its value
	 * @throws IllegalArgumentException when the text is not one well-formed JSON value
	 */
	public static Object parse(String text) {
		JsonReader reader = new JsonReader(text);
		reader.skipWhitespace();
		Object value = reader.value(0);
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error("unexpected text after the value");
		}
		return value;
	}

	private Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nested deeper than " + MAX_DEPTH);
		}
		char c = peek();
		return switch (c) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield number();
				}
				throw error("unexpected character '" + c + "'");
			}
		};
	}

	private Map<String, Object> object(int depth) {
		Map<String, Object> result = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return result;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			result.put(name, value(depth + 1));
			skipWhitespace();
			char next = next();
			if (next == '}') {
				return result;
			}
			if (next != ',') {
				throw error("expected ',' or '}'");
			}
		}
	}

	private List<Object> array(int depth) {
		List<Object> result = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return result;
		}
		while (true) {
			skipWhitespace();
			result.add(value(depth + 1));
			skipWhitespace();
			char next = next();
			if (next == ']') {
				return result;
			}
			if (next != ',') {
				throw error("expected ',' or ']'");
			}
		}
	}

	private String string() {
		this.position++;
		StringBuilder result = null;
		int start = this.position;
		while (true) {
			if (this.position >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.position);
			if (c == '"') {
				String tail = this.text.substring(start, this.position++);
				return (result != null) ? result.append(tail).toString() : tail;
			}
			if (c < 0x20) {
				throw error("control character in a string");
			}
			if (c == '\\') {
				if (result == null) {
					result = new StringBuilder();
				}
				result.append(this.text, start, this.position);
				this.position++;
				result.append(escape());
				start = this.position;
			}
			else {
				this.position++;
			}
		}
	}

	private char escape() {
		char c = next();
		return switch (c) {
			case '"', '\\', '/' -> c;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> {
				if (this.position + 4 > this.text.length()) {
					throw error("truncated unicode escape");
				}
				int code = 0;
				for (int i = 0; i < 4; i++) {
					int digit = hexDigit(this.text.charAt(this.position++));
					if (digit < 0) {
						throw error("bad unicode escape");
					}
					code = (code << 4) | digit;
				}
				yield (char) code;
			}
			default -> throw error("bad escape '\\" + c + "'");
		};
	}

	private Object number() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		boolean decimal = false;
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c >= '0' && c <= '9') {
				this.position++;
			}
			else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
				decimal = true;
				this.position++;
			}
			else {
				break;
			}
		}
		String number = this.text.substring(start, this.position);
		if (!isJsonNumber(number)) {
			throw error("bad number '" + number + "'");
		}
		try {
			if (!decimal) {
				try {
					return Long.parseLong(number);
				}
				catch (NumberFormatException ex) {
					// larger than a long: keep it as a double, the metadata never needs the exact digits
				}
			}
			double value = Double.parseDouble(number);
			if (Double.isInfinite(value)) {
				// 6e766: valid JSON text, but no double holds it, and written back it would become null
				throw error("number out of range '" + number + "'");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw error("bad number '" + number + "'");
		}
	}

	/** RFC 8259: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; no leading zeros, no bare dots. */
	static boolean isJsonNumber(String number) {
		int i = 0;
		int n = number.length();
		if (i < n && number.charAt(i) == '-') {
			i++;
		}
		if (i >= n) {
			return false;
		}
		if (number.charAt(i) == '0') {
			i++;
		}
		else {
			int digits = digits(number, i);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		if (i < n && number.charAt(i) == '.') {
			int digits = digits(number, i + 1);
			if (digits == 0) {
				return false;
			}
			i += 1 + digits;
		}
		if (i < n && (number.charAt(i) == 'e' || number.charAt(i) == 'E')) {
			i++;
			if (i < n && (number.charAt(i) == '+' || number.charAt(i) == '-')) {
				i++;
			}
			int digits = digits(number, i);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		return i == n;
	}

	/** An ASCII hex digit's value, or -1: {@code Character.digit} would also take other scripts' digits. */
	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
	}

	private static int digits(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
		}
		return i - from;
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error("unexpected literal");
		}
		this.position += word.length();
		return value;
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw error("expected '" + expected + "'");
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end of the document");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Invalid JSON at offset " + this.position + ": " + message);
	}

}
