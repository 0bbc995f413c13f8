package dev.cloudtelemetry.core.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer into a reusable, growable UTF-8 byte buffer. It writes exactly what it is told,
 * in order, with no reflection and no intermediate strings, which is what keeps encoding off the
 * profiles (see {@code benchmarks/README.md}). Not thread-safe: one instance per writer thread.
 */
public final class JsonWriter {

	/** How a cut text's marker begins: {@code ...[truncated N chars]}, N the characters cut. */
	public static final String TRUNCATED_START = "...[truncated ";

	/** How a cut text's marker ends. */
	public static final String TRUNCATED_END = " chars]";

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	/** {@code "00010203...99"}: the two digits of each number below 100. */
	private static final byte[] DIGIT_PAIRS = new byte[200];

	static {
		for (int i = 0; i < 100; i++) {
			DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
			DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
		}
	}

	private static final long[] POWERS_OF_TEN = new long[19];

	static {
		long power = 1;
		for (int i = 0; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = power;
			power *= 10;
		}
	}

	private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

	/** Strings up to this length are escaped from a copy of their chars, longer ones char by char. */
	private static final int FAST_STRING_CHARS = 512;

	private byte[] buffer;

	/**
	 * {@link #buffer} seen as big-endian longs: eight hex digits in one store. A byte buffer rather than a
	 * byte-array view {@code VarHandle}, whose first creation costs a JDK 17 application about 15 ms of start-up.
	 */
	private ByteBuffer longs;

	private int length;

	/** The chars of the string being written, copied at once ({@code String.getChars} is an intrinsic). */
	private char[] chars;

	public JsonWriter(int initialCapacity) {
		this.buffer = new byte[Math.max(64, initialCapacity)];
		this.longs = ByteBuffer.wrap(this.buffer);
	}

	public byte[] buffer() {
		return this.buffer;
	}

	public int length() {
		return this.length;
	}

	public void reset() {
		this.length = 0;
	}

	/** Drops everything written after {@code mark}; used to roll back a half-written event. */
	public void truncate(int mark) {
		this.length = mark;
	}

	public byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.length);
	}

	@Override
	public String toString() {
		return new String(this.buffer, 0, this.length, StandardCharsets.UTF_8);
	}

	private void ensure(int extra) {
		int needed = this.length + extra;
		if (needed > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(needed, this.buffer.length * 2));
			this.longs = ByteBuffer.wrap(this.buffer);
		}
	}

	public JsonWriter raw(byte b) {
		ensure(1);
		this.buffer[this.length++] = b;
		return this;
	}

	public JsonWriter raw(byte[] bytes) {
		return raw(bytes, 0, bytes.length);
	}

	public JsonWriter raw(byte[] bytes, int offset, int count) {
		ensure(count);
		System.arraycopy(bytes, offset, this.buffer, this.length, count);
		this.length += count;
		return this;
	}

	/** Writes characters known to be ASCII and to need no escaping (keys, enum names, hex). */
	@SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps the low byte of each char: ASCII
	public JsonWriter ascii(String text) {
		int n = text.length();
		ensure(n);
		text.getBytes(0, n, this.buffer, this.length);
		this.length += n;
		return this;
	}

	/** Writes {@code "key":} for a key that needs no escaping. */
	public JsonWriter key(String key) {
		raw((byte) '"').ascii(key);
		ensure(2);
		this.buffer[this.length++] = '"';
		this.buffer[this.length++] = ':';
		return this;
	}

	public JsonWriter nullValue() {
		return raw(NULL);
	}

	public JsonWriter bool(boolean value) {
		return raw(value ? TRUE : FALSE);
	}

	public JsonWriter number(long value) {
		if (value == Long.MIN_VALUE) {
			return raw(MIN_LONG);
		}
		ensure(20);
		byte[] buf = this.buffer;
		int pos = this.length;
		if (value < 0) {
			buf[pos++] = '-';
			value = -value;
		}
		int digits = digits(value);
		int end = pos + digits;
		// two digits per division; the divisions of an int (most numbers here: sequence numbers, durations,
		// counts) are cheaper than those of a long, so the long's loop runs only until the rest fits an int
		while (value > Integer.MAX_VALUE) {
			int pair = (int) (value % 100) << 1;
			value /= 100;
			buf[--end] = DIGIT_PAIRS[pair + 1];
			buf[--end] = DIGIT_PAIRS[pair];
		}
		writeDigits((int) value, buf, end);
		this.length = pos + digits;
		return this;
	}

	/** Writes the digits of {@code value}, not negative, ending before {@code end}. */
	private static void writeDigits(int value, byte[] buf, int end) {
		while (value >= 100) {
			int pair = (value % 100) << 1;
			value /= 100;
			buf[--end] = DIGIT_PAIRS[pair + 1];
			buf[--end] = DIGIT_PAIRS[pair];
		}
		if (value >= 10) {
			int pair = value << 1;
			buf[--end] = DIGIT_PAIRS[pair + 1];
			buf[--end] = DIGIT_PAIRS[pair];
		}
		else {
			buf[--end] = (byte) ('0' + value);
		}
	}

	/**
	 * The number of decimal digits of {@code value}, without a loop.
	 * @param value a number that is not negative
	 * @return how many digits {@link #number} writes for it
	 */
	public static int digits(long value) {
		if (value == 0) {
			return 1;
		}
		// log10(2) is about 1233 / 4096: a first guess from the bit length, off by at most one
		int guess = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12;
		return (value >= POWERS_OF_TEN[guess]) ? guess + 1 : guess;
	}

	/** Writes {@code digits} decimal digits of {@code value}, zero-padded on the left. */
	public JsonWriter padded(int value, int digits) {
		ensure(digits);
		byte[] buf = this.buffer;
		int pos = this.length + digits;
		int left = digits;
		while (left >= 2) {
			int pair = (value % 100) << 1;
			value /= 100;
			buf[--pos] = DIGIT_PAIRS[pair + 1];
			buf[--pos] = DIGIT_PAIRS[pair];
			left -= 2;
		}
		if (left == 1) {
			buf[--pos] = (byte) ('0' + (value % 10));
		}
		this.length += digits;
		return this;
	}

	/** Writes the 16 lowercase hex digits of {@code value}. */
	public JsonWriter hex(long value) {
		ensure(16);
		int pos = this.length;
		this.longs.putLong(pos, hexDigits((int) (value >>> 32)));
		this.longs.putLong(pos + 8, hexDigits((int) value));
		this.length = pos + 16;
		return this;
	}

	/** Writes the 8 lowercase hex digits of {@code value}. */
	public JsonWriter hex(int value) {
		ensure(8);
		int pos = this.length;
		this.longs.putLong(pos, hexDigits(value));
		this.length = pos + 8;
		return this;
	}

	/**
	 * The 8 lowercase hex digits of {@code value} as ASCII bytes in one {@code long}, the first digit in its
	 * highest byte: each nibble is spread into a byte of its own, then turned into its digit without a branch
	 * or a table (a nibble of 10 or more gets {@code 'a' - '0' - 10} more).
	 */
	static long hexDigits(int value) {
		long x = value & 0xFFFF_FFFFL;
		x = ((x & 0xFFFF_0000L) << 16) | (x & 0xFFFFL);
		x = ((x & 0x0000_FF00_0000_FF00L) << 8) | (x & 0x0000_00FF_0000_00FFL);
		x = ((x & 0x00F0_00F0_00F0_00F0L) << 4) | (x & 0x000F_000F_000F_000FL);
		long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
		return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
	}

	/** Writes a quoted, escaped JSON string, or {@code null}. */
	public JsonWriter string(CharSequence text) {
		if (text == null) {
			return nullValue();
		}
		raw((byte) '"');
		stringContent(text);
		return raw((byte) '"');
	}

	/**
	 * Writes a JSON string of at most {@code maxChars} characters of {@code text}; a longer text is cut and
	 * ends with a marker saying how many characters were cut, such as {@code ...[truncated 1234 chars]}.
	 * @param text the text, may be {@code null}
	 * @param maxChars the most characters kept
	 * @return this writer
	 */
	public JsonWriter string(CharSequence text, int maxChars) {
		if (text == null || text.length() <= maxChars) {
			return string(text);
		}
		int cut = Math.max(0, maxChars);
		if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
			cut--;
		}
		raw((byte) '"');
		stringContent(text.subSequence(0, cut));
		ascii(TRUNCATED_START).number(text.length() - cut).ascii(TRUNCATED_END);
		return raw((byte) '"');
	}

	/** Writes the escaped content of a JSON string without the quotes. */
	public JsonWriter stringContent(CharSequence text) {
		int n = text.length();
		ensure(n);
		int from = 0;
		if (n <= FAST_STRING_CHARS && text instanceof String string) {
			from = plainPrefix(string, n);
		}
		for (int i = from; i < n; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				if (this.length == this.buffer.length) {
					ensure(n - i);
				}
				this.buffer[this.length++] = (byte) c;
			}
			else {
				escapeOrEncode(text, i, c);
				if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
			}
		}
		return this;
	}

	/**
	 * Writes the chars of {@code text} up to the first one that needs escaping or more than one byte,
	 * from a bulk copy and with the position in a local, which is most of the encoder's time otherwise.
	 * The caller made room for {@code n} bytes.
	 * @return how many chars were written
	 */
	private int plainPrefix(String text, int n) {
		char[] copy = this.chars;
		if (copy == null) {
			copy = new char[FAST_STRING_CHARS];
			this.chars = copy;
		}
		text.getChars(0, n, copy, 0);
		byte[] buf = this.buffer;
		int pos = this.length;
		int i = 0;
		while (i < n) {
			char c = copy[i];
			if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
				break;
			}
			buf[pos++] = (byte) c;
			i++;
		}
		this.length = pos;
		return i;
	}

	private void escapeOrEncode(CharSequence text, int i, char c) {
		ensure(12);
		byte[] buf = this.buffer;
		switch (c) {
			case '"' -> twoBytes('\\', '"');
			case '\\' -> twoBytes('\\', '\\');
			case '\n' -> twoBytes('\\', 'n');
			case '\r' -> twoBytes('\\', 'r');
			case '\t' -> twoBytes('\\', 't');
			case '\b' -> twoBytes('\\', 'b');
			case '\f' -> twoBytes('\\', 'f');
			default -> {
				if (c < 0x20 || c == 0x2028 || c == 0x2029) {
					unicodeEscape(c);
				}
				else if (c < 0x800) {
					buf[this.length++] = (byte) (0xC0 | (c >> 6));
					buf[this.length++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1))) {
					int cp = Character.toCodePoint(c, text.charAt(i + 1));
					buf[this.length++] = (byte) (0xF0 | (cp >> 18));
					buf[this.length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
					buf[this.length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
					buf[this.length++] = (byte) (0x80 | (cp & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					// A lone surrogate cannot be encoded in UTF-8; the replacement character keeps the line valid.
					unicodeEscape('\uFFFD');
				}
				else {
					buf[this.length++] = (byte) (0xE0 | (c >> 12));
					buf[this.length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					buf[this.length++] = (byte) (0x80 | (c & 0x3F));
				}
			}
		}
	}

	private void twoBytes(char a, char b) {
		this.buffer[this.length++] = (byte) a;
		this.buffer[this.length++] = (byte) b;
	}

	private void unicodeEscape(char c) {
		byte[] buf = this.buffer;
		buf[this.length++] = '\\';
		buf[this.length++] = 'u';
		buf[this.length++] = HEX[(c >> 12) & 0xF];
		buf[this.length++] = HEX[(c >> 8) & 0xF];
		buf[this.length++] = HEX[(c >> 4) & 0xF];
		buf[this.length++] = HEX[c & 0xF];
	}

	/**
	 * Writes any value made of strings, numbers, booleans, {@code null}, maps with string keys and
	 * collections or arrays of the same. Anything else is written as its {@code toString()}.
	 */
	public JsonWriter value(Object value) {
		if (value == null) {
			return nullValue();
		}
		if (value instanceof CharSequence text) {
			return string(text);
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return number(((Number) value).longValue());
		}
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			return (Double.isFinite(d)) ? ascii(Double.toString(d)) : nullValue();
		}
		if (value instanceof Number number) {
			return ascii(number.toString());
		}
		if (value instanceof Boolean bool) {
			return bool(bool);
		}
		if (value instanceof Map<?, ?> map) {
			return object(map);
		}
		if (value instanceof Collection<?> collection) {
			raw((byte) '[');
			boolean first = true;
			for (Object item : collection) {
				if (!first) {
					raw((byte) ',');
				}
				first = false;
				value(item);
			}
			return raw((byte) ']');
		}
		if (value instanceof Object[] array) {
			return value(Arrays.asList(array));
		}
		return string(value.toString());
	}

	/** Writes a JSON object from a map, keys escaped as strings. */
	public JsonWriter object(Map<?, ?> map) {
		raw((byte) '{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!first) {
				raw((byte) ',');
			}
			first = false;
			string(String.valueOf(entry.getKey()));
			raw((byte) ':');
			value(entry.getValue());
		}
		return raw((byte) '}');
	}

}
