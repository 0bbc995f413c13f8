package dev.cloudtelemetry.output.otlp;

import java.util.Arrays;

import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The members of one {@code attributes} object read in place: their names (from the {@link TextCache}) and
 * where their values are. Reused from line to line by one thread.
 */
final class AttributeMembers {

	private static final String SPAN_KIND = "span.kind";

	private byte[] bytes = new byte[0];

	private TextCache.Text[] keys = new TextCache.Text[16];

	private int[] values = new int[16];

	private int size;

	private boolean objectsOrNulls;

	void clear() {
		this.size = 0;
		this.objectsOrNulls = false;
	}

	/**
	 * Whether a member's value is an object or {@code null}: merged with other members, those need the map
	 * semantics (a later {@code null} removes, an object's dotted keys keep the place of its name).
	 */
	boolean objectsOrNulls() {
		return this.objectsOrNulls;
	}

	/**
	 * Reads the object at the cursor (an {@code attributes} object, one level below the line's), checking it,
	 * and moves past it.
	 */
	void read(JsonBytes json, TextCache texts) {
		clear();
		byte[] bytes = json.bytes();
		this.bytes = bytes;
		if (!json.openObject()) {
			return;
		}
		do {
			json.memberName();
			if (this.size == this.keys.length) {
				this.keys = Arrays.copyOf(this.keys, this.size * 2);
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.keys[this.size] = json.stringEscaped() ? new TextCache.Text(json.decodeString())
					: texts.text(bytes, json.stringStart(), json.stringEnd());
			this.values[this.size++] = json.position();
			byte first = bytes[json.position()];
			this.objectsOrNulls |= first == '{' || first == 'n';
			json.skipValue(2);
		}
		while (!json.endOfMember('}'));
	}

	/**
	 * Adds every member but {@code span.kind}, in order (so a later one of the same name wins).
	 * @param json a cursor to read the values with
	 * @param kind the {@code span.kind} known so far
	 * @return the last {@code span.kind} member's string ({@code null} when it is not a string), else {@code kind}
	 */
	@Nullable String putAll(AttributesBuilder builder, JsonBytes json, @Nullable String kind, TextCache texts) {
		String result = kind;
		for (int i = 0; i < this.size; i++) {
			TextCache.Text key = this.keys[i];
			json.reset(this.bytes, this.values[i], this.bytes.length);
			if (key.string.equals(SPAN_KIND)) {
				result = null;
				if (this.bytes[this.values[i]] == '"') {
					json.string();
					result = json.decodeString();
				}
			}
			else {
				SpanMapper.put(builder, key, json, "", texts);
			}
		}
		return result;
	}

}
