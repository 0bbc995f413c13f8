package dev.cloudtelemetry.core.encode;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Short strings the encoder wrote before, kept encoded, shared by every field of one encoder.
 * {@link RepeatedString} keeps a field's last value (and the one before), which is enough when one method is
 * called over and over; in an application whose request calls fifteen methods, a traced call's namespace,
 * method name, function name and message differ from the event before, and each was escaped again on every
 * event. Here a string is known by its text and the limit it was cut to: equal strings with the same limit are
 * the same bytes. A string is kept encoded only once it was seen twice, so that a value that changes with every
 * event costs its hash and no copy.
 * <p>
 * The table has {@value #SLOTS} slots in pairs: a string goes to the pair its hash picks, into an empty slot of
 * it, else one whose string was seen once, else the second, so that two strings in use that hash to one pair
 * do not push each other out. At most {@value #SLOTS} strings of at most {@value #MAX_CHARS} characters are held. Not
 * thread-safe: used by the writer thread.
 */
final class EncodedStrings {

	/** The table's size, a power of two. */
	static final int SLOTS = 1024;

	/** Longer strings are not kept: they rarely repeat, and this bounds the memory held. */
	static final int MAX_CHARS = 128;

	private final @Nullable String[] texts = new String[SLOTS];

	private final int[] limits = new int[SLOTS];

	/** Each slot's bytes in {@code bytes[slot][0, lengths[slot])}; a length of -1 means seen once, not kept. */
	private final byte[][] bytes = new byte[SLOTS][];

	private final int[] lengths = new int[SLOTS];

	/**
	 * Writes {@code text} as {@link JsonWriter#string(CharSequence, int)} does.
	 * @param text the value, may be {@code null}
	 * @param maxChars the most characters kept
	 * @param out where to write
	 */
	void write(@Nullable String text, int maxChars, JsonWriter out) {
		if (text == null || text.length() > MAX_CHARS) {
			out.string(text, maxChars);
			return;
		}
		int hash = text.hashCode();
		int first = (hash ^ (hash >>> 16)) & (SLOTS - 2);
		int slot = holds(first, text, maxChars) ? first : holds(first + 1, text, maxChars) ? first + 1 : -1;
		if (slot < 0) {
			slot = victim(first);
			this.texts[slot] = text;
			this.limits[slot] = maxChars;
			this.lengths[slot] = -1;
			out.string(text, maxChars);
			return;
		}
		int length = this.lengths[slot];
		byte[] kept = this.bytes[slot];
		if (length >= 0 && kept != null) {
			out.raw(kept, 0, length);
			return;
		}
		int mark = out.length();
		out.string(text, maxChars);
		length = out.length() - mark;
		if (kept == null || kept.length < length) {
			kept = new byte[Math.max(length, 32)];
			this.bytes[slot] = kept;
		}
		System.arraycopy(out.buffer(), mark, kept, 0, length);
		this.lengths[slot] = length;
	}

	/**
	 * The slot of the pair at {@code first} that a new string takes: an empty one, else one whose string was
	 * seen once (the second first), else the second.
	 */
	private int victim(int first) {
		int second = first + 1;
		if (this.texts[first] == null) {
			return first;
		}
		if (this.texts[second] == null || this.lengths[second] < 0) {
			return second;
		}
		return (this.lengths[first] < 0) ? first : second;
	}

	/** Whether {@code text} cut to {@code maxChars} is kept encoded (tests). */
	boolean keeps(String text, int maxChars) {
		int hash = text.hashCode();
		int first = (hash ^ (hash >>> 16)) & (SLOTS - 2);
		for (int slot = first; slot <= first + 1; slot++) {
			if (holds(slot, text, maxChars) && this.lengths[slot] >= 0) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code slot} holds {@code text} (this instance or an equal one) cut to {@code maxChars}. */
	private boolean holds(int slot, String text, int maxChars) {
		String held = this.texts[slot];
		return this.limits[slot] == maxChars && (held == text || text.equals(held));
	}

}
