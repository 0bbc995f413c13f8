package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * The texts that repeat from line to line (attribute names, thread names, function names, trace ids, parent
 * span ids), decoded once and kept with their attribute keys, so that a line costs no {@code String} for them.
 * Direct-mapped: a text evicts the one in its slot; only short, escape-free texts are kept. Used by one thread.
 */
final class TextCache {

	/** Longer texts are decoded every time: they rarely repeat (statements, URLs, messages). */
	static final int MAX_LENGTH = 64;

	private final Text[] slots = new Text[4096];

	/** The text of a string's content (no escapes), from the cache when it is there. */
	Text text(byte[] bytes, int start, int end) {
		int length = end - start;
		if (length > MAX_LENGTH || length == 0) {
			return new Text(Arrays.copyOfRange(bytes, start, end), new String(bytes, start, length,
					StandardCharsets.UTF_8));
		}
		int hash = length;
		hash = hash * 31 + bytes[start];
		hash = hash * 31 + bytes[end - 1];
		hash = hash * 31 + bytes[start + length / 2];
		hash = hash * 31 + bytes[start + length / 3];
		hash = hash * 31 + bytes[start + (2 * length) / 3];
		hash = hash * 31 + bytes[end - 2 < start ? start : end - 2];
		int slot = (hash ^ (hash >>> 12)) & (this.slots.length - 1);
		Text cached = this.slots[slot];
		if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, bytes, start, end)) {
			return cached;
		}
		Text text = new Text(Arrays.copyOfRange(bytes, start, end),
				new String(bytes, start, length, StandardCharsets.UTF_8));
		this.slots[slot] = text;
		return text;
	}

	/** The string of a string's content, from the cache when short. */
	String string(byte[] bytes, int start, int end, boolean escaped) {
		if (escaped) {
			return JsonBytes.decode(bytes, start, end, true);
		}
		if (end - start > MAX_LENGTH) {
			return new String(bytes, start, end - start, StandardCharsets.UTF_8);
		}
		return text(bytes, start, end).string;
	}

	/** A decoded text and the attribute keys named by it, made when first asked for. */
	static final class Text {

		final byte[] bytes;

		final String string;

		private @Nullable AttributeKey<String> stringKey;

		private @Nullable AttributeKey<Long> longKey;

		private @Nullable AttributeKey<Double> doubleKey;

		private @Nullable AttributeKey<Boolean> booleanKey;

		private @Nullable AttributeKey<List<String>> stringArrayKey;

		Text(byte[] bytes, String string) {
			this.bytes = bytes;
			this.string = string;
		}

		Text(String string) {
			this(new byte[0], string);
		}

		AttributeKey<String> stringKey() {
			AttributeKey<String> key = this.stringKey;
			if (key == null) {
				key = AttributeKey.stringKey(this.string);
				this.stringKey = key;
			}
			return key;
		}

		AttributeKey<Long> longKey() {
			AttributeKey<Long> key = this.longKey;
			if (key == null) {
				key = AttributeKey.longKey(this.string);
				this.longKey = key;
			}
			return key;
		}

		AttributeKey<Double> doubleKey() {
			AttributeKey<Double> key = this.doubleKey;
			if (key == null) {
				key = AttributeKey.doubleKey(this.string);
				this.doubleKey = key;
			}
			return key;
		}

		AttributeKey<Boolean> booleanKey() {
			AttributeKey<Boolean> key = this.booleanKey;
			if (key == null) {
				key = AttributeKey.booleanKey(this.string);
				this.booleanKey = key;
			}
			return key;
		}

		AttributeKey<List<String>> stringArrayKey() {
			AttributeKey<List<String>> key = this.stringArrayKey;
			if (key == null) {
				key = AttributeKey.stringArrayKey(this.string);
				this.stringArrayKey = key;
			}
			return key;
		}

	}

}
