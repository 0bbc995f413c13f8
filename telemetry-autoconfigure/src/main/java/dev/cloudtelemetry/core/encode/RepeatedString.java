package dev.cloudtelemetry.core.encode;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * One field's string value as last written, kept encoded: most values repeat from event to event as the
 * same instance (the method's namespace, the thread's name, the event type), and a string is immutable, so
 * the same instance written with the same limit is the same bytes, copied instead of escaped again. A value
 * is kept encoded only once it was seen twice, so that values that change with every event (ids, durations)
 * cost a comparison and no copy. A field whose values alternate (the event type and the message of a traced
 * call's entry and exit) keeps the last two.
 */
final class RepeatedString {

	/** Longer values are not remembered: they rarely repeat, and this bounds the memory kept. */
	private static final int MAX_CHARS = 128;

	private final boolean alternating;

	private @Nullable String last;

	private byte @Nullable [] encoded;

	private @Nullable String previous;

	private byte @Nullable [] previousEncoded;

	/** Keeps the last value only. */
	RepeatedString() {
		this(false);
	}

	/**
	 * @param alternating whether to keep the last two values
	 */
	RepeatedString(boolean alternating) {
		this.alternating = alternating;
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
				this.previous = this.last;
				this.last = text;
				byte[] bytes = this.previousEncoded;
				this.previousEncoded = this.encoded;
				this.encoded = bytes;
				writeLast(text, maxChars, out);
				return;
			}
		}
		if (this.alternating) {
			this.previous = this.last;
			this.previousEncoded = this.encoded;
		}
		this.last = (text != null && text.length() <= MAX_CHARS) ? text : null;
		this.encoded = null;
		out.string(text, maxChars);
	}

	private void writeLast(String text, int maxChars, JsonWriter out) {
		byte[] bytes = this.encoded;
		if (bytes != null) {
			out.raw(bytes);
			return;
		}
		int mark = out.length();
		out.string(text, maxChars);
		this.encoded = Arrays.copyOfRange(out.buffer(), mark, out.length());
	}

}
