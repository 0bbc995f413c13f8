package dev.cloudtelemetry.core.encode;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * One field's string value as last written, kept encoded: most values repeat from event to event as the
 * same instance (the method's namespace, the thread's name, the event type), and a string is immutable, so
 * the same instance written with the same limit is the same bytes, copied instead of escaped again. A value
 * is kept encoded only once it was seen twice, so that values that change with every event (ids, durations)
 * cost a comparison and no copy. A field whose values alternate (the event type and the message of a traced
 * call's entry and exit) keeps the last two. Any other value is looked up in the encoder's
 * {@link EncodedStrings}, which holds the strings of every field.
 */
final class RepeatedString {

	/** Longer values are not remembered: they rarely repeat, and this bounds the memory kept. */
	private static final int MAX_CHARS = 128;

	private final boolean alternating;

	/** Where a value that is not the last one (nor the one before) is looked up. */
	private final EncodedStrings strings;

	private @Nullable String last;

	/**
	 * The last value's bytes in {@code encoded[0, encodedLength)}, or {@code encodedLength} -1 when they are
	 * not kept. The array is reused from value to value (it grows to at most the longest value kept, at most
	 * {@value #MAX_CHARS} characters escaped), so keeping a value copies its bytes and allocates nothing.
	 */
	private byte @Nullable [] encoded;

	private int encodedLength = -1;

	private @Nullable String previous;

	private byte @Nullable [] previousEncoded;

	private int previousLength = -1;

	/**
	 * Keeps the last value only.
	 * @param strings the encoder's table of strings written before
	 */
	RepeatedString(EncodedStrings strings) {
		this(false, strings);
	}

	/**
	 * @param alternating whether to keep the last two values
	 * @param strings the encoder's table of strings written before
	 */
	RepeatedString(boolean alternating, EncodedStrings strings) {
		this.alternating = alternating;
		this.strings = strings;
	}

	/**
	 * Writes {@code text} as {@link JsonWriter#string(CharSequence, int)} does.
	 * @param text the value, may be {@code null}
	 * @param maxChars the most characters kept, the same on every call
	 * @param out where to write
	 */
	void write(@Nullable String text, int maxChars, JsonWriter out) {
		if (text != null) {
			if (text == this.last) {
				writeLast(text, maxChars, out);
				return;
			}
			if (this.alternating && text == this.previous) {
				swap();
				writeLast(text, maxChars, out);
				return;
			}
		}
		if (this.alternating) {
			swap();
		}
		this.last = (text != null && text.length() <= MAX_CHARS) ? text : null;
		this.encodedLength = -1;
		this.strings.write(text, maxChars, out);
	}

	/** The last value becomes the previous one and the other way round, each with its bytes. */
	private void swap() {
		String text = this.previous;
		this.previous = this.last;
		this.last = text;
		byte[] bytes = this.previousEncoded;
		this.previousEncoded = this.encoded;
		this.encoded = bytes;
		int length = this.previousLength;
		this.previousLength = this.encodedLength;
		this.encodedLength = length;
	}

	private void writeLast(String text, int maxChars, JsonWriter out) {
		byte[] bytes = this.encoded;
		if (this.encodedLength >= 0 && bytes != null) {
			out.raw(bytes, 0, this.encodedLength);
			return;
		}
		int mark = out.length();
		this.strings.write(text, maxChars, out);
		int length = out.length() - mark;
		if (bytes == null || bytes.length < length) {
			bytes = new byte[Math.max(length, 32)];
			this.encoded = bytes;
		}
		System.arraycopy(out.buffer(), mark, bytes, 0, length);
		this.encodedLength = length;
	}

}
