package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One telemetry.v2 line read in place: the whole line is checked as strict JSON, and the extent of each
 * top-level member a span needs is recorded, nothing decoded. The resource blocks ({@code service} to
 * {@code process}) are recorded as runs of adjacent members; a run that is byte for byte the one of the line
 * before is compared in one go instead of being read again (the encoder copies the same bytes onto every
 * line). Members may come in any order; a repeated member counts once, the last. Used by one thread.
 */
final class EventLine {

	static final int TIMESTAMP_NS = 0;

	static final int EVENT_TYPE = 1;

	static final int SEVERITY = 2;

	static final int FUNCTION_NAME = 3;

	static final int TRACE_ID = 4;

	static final int SPAN_ID = 5;

	static final int PARENT_SPAN_ID = 6;

	static final int DURATION_NS = 7;

	static final int MESSAGE = 8;

	static final int ATTRIBUTES = 9;

	static final int CORRELATION_ID = 10;

	static final int SAMPLED = 11;

	static final int ERROR = 12;

	private static final int RESOURCE_BLOCK = 13;

	private static final int OTHER = -1;

	private static final byte[][] NAMES = { ascii("timestamp_ns"), ascii("event_type"), ascii("severity"),
			ascii("function_name"), ascii("trace_id"), ascii("span_id"), ascii("parent_span_id"), ascii("duration_ns"),
			ascii("message"), ascii("attributes"), ascii("correlation_id"), ascii("sampled"), ascii("error"),
			ascii("service"), ascii("environment"), ascii("resource"), ascii("cloud"), ascii("host"), ascii("k8s"),
			ascii("process") };

	/** The indexes into {@link #NAMES} of the names of each length: a member name is compared with those only. */
	private static final int[][] BY_LENGTH = byLength();

	private final JsonBytes json = new JsonBytes();

	private final TextCache texts;

	private final AttributeMembers attributes = new AttributeMembers();

	/** A second cursor, for the {@code attributes} object. */
	private final JsonBytes members = new JsonBytes();

	private boolean attributesRead;

	private final int[] valueStart = new int[RESOURCE_BLOCK];

	private final int[] valueEnd = new int[RESOURCE_BLOCK];

	private final boolean[] escaped = new boolean[RESOURCE_BLOCK];

	private int[] runStart = new int[2];

	private int[] runEnd = new int[2];

	private int runs;

	private boolean sameTail;

	private int lineEnd;

	EventLine(TextCache texts) {
		this.texts = texts;
	}

	/**
	 * Reads the line at {@code start}.
	 * @param bytes the lines
	 * @param start where the line starts
	 * @param limit where the lines end
	 * @param stream whether the line ends with a line feed before {@code limit} (else it ends at {@code limit})
	 * @param knownTail the run of resource blocks of the line before, or {@code null}
	 * @return whether a whole line was read ({@code false}: in a stream, the line has no line feed yet)
	 * @throws IllegalArgumentException when the line is not one JSON object
	 */
	boolean read(byte[] bytes, int start, int limit, boolean stream, byte @Nullable [] knownTail) {
		Arrays.fill(this.valueStart, -1);
		this.runs = 0;
		this.sameTail = false;
		this.attributesRead = false;
		int matchedEnd = -1;
		JsonBytes json = this.json.reset(bytes, start, limit);
		json.skipWhitespace();
		if (json.openObject()) {
			boolean afterBlock = false;
			while (true) {
				json.skipWhitespace();
				int memberStart = json.position();
				json.memberName();
				int field = field(bytes, json.stringStart(), json.stringEnd(), json.stringEscaped());
				if (field >= RESOURCE_BLOCK) {
					if (this.runs == 0 && knownTail != null && matches(bytes, memberStart, limit, knownTail)) {
						json.position(memberStart + knownTail.length);
						matchedEnd = json.position();
					}
					else {
						json.skipValue(1);
					}
					if (afterBlock) {
						this.runEnd[this.runs - 1] = json.position();
					}
					else {
						addRun(memberStart, json.position());
					}
					afterBlock = true;
				}
				else {
					int value = json.position();
					json.skipValue(1);
					if (field != OTHER) {
						this.valueStart[field] = value;
						this.valueEnd[field] = json.position();
						this.escaped[field] = json.stringEscaped();
					}
					afterBlock = false;
				}
				if (json.endOfMember('}')) {
					break;
				}
			}
		}
		this.sameTail = this.runs == 1 && this.runEnd[0] == matchedEnd;
		json.skipWhitespace();
		if (stream) {
			if (json.atEnd()) {
				return false;
			}
			if (bytes[json.position()] != '\n') {
				throw json.error("unexpected text after the value");
			}
		}
		else if (!json.atEnd()) {
			throw json.error("unexpected text after the value");
		}
		this.lineEnd = json.position();
		return true;
	}

	private static int[][] byLength() {
		int longest = 0;
		for (byte[] name : NAMES) {
			longest = Math.max(longest, name.length);
		}
		int[][] byLength = new int[longest + 1][0];
		for (int i = 0; i < NAMES.length; i++) {
			int[] same = Arrays.copyOf(byLength[NAMES[i].length], byLength[NAMES[i].length].length + 1);
			same[same.length - 1] = i;
			byLength[NAMES[i].length] = same;
		}
		return byLength;
	}

	/** Whether the bytes at {@code at} are {@code tail} followed by the end of a member. */
	private static boolean matches(byte[] bytes, int at, int limit, byte[] tail) {
		int end = at + tail.length;
		if (end >= limit || !Arrays.equals(bytes, at, end, tail, 0, tail.length)) {
			return false;
		}
		byte next = bytes[end];
		return next == ',' || next == '}' || next == ' ' || next == '\t' || next == '\r';
	}

	private void addRun(int start, int end) {
		if (this.runs == this.runStart.length) {
			this.runStart = Arrays.copyOf(this.runStart, this.runs * 2);
			this.runEnd = Arrays.copyOf(this.runEnd, this.runs * 2);
		}
		this.runStart[this.runs] = start;
		this.runEnd[this.runs] = end;
		this.runs++;
	}

	private static int field(byte[] bytes, int start, int end, boolean escaped) {
		if (escaped) {
			byte[] name = JsonBytes.decode(bytes, start, end, true).getBytes(StandardCharsets.UTF_8);
			return field(name, 0, name.length, false);
		}
		int length = end - start;
		if (length >= BY_LENGTH.length) {
			return OTHER;
		}
		for (int i : BY_LENGTH[length]) {
			byte[] name = NAMES[i];
			if (name[0] == bytes[start] && Arrays.equals(name, 0, length, bytes, start, end)) {
				return Math.min(i, RESOURCE_BLOCK);
			}
		}
		return OTHER;
	}

	/**
	 * The members of the line's {@code attributes} object (none when it has none), read when first asked for:
	 * only the line that ends a span needs them, an entry is held as its bytes.
	 */
	AttributeMembers attributes() {
		if (!this.attributesRead) {
			this.attributesRead = true;
			if (isObject(ATTRIBUTES)) {
				this.attributes.read(this.members.reset(bytes(), this.valueStart[ATTRIBUTES], this.valueEnd[ATTRIBUTES]),
						this.texts);
			}
			else {
				this.attributes.clear();
			}
		}
		return this.attributes;
	}

	/** Where the line's line feed is (or its end, when not read as a stream). */
	int lineEnd() {
		return this.lineEnd;
	}

	byte[] bytes() {
		return this.json.bytes();
	}

	/** Whether the line has the member. */
	boolean has(int field) {
		return this.valueStart[field] >= 0;
	}

	/** Whether the line has the member with a string value. */
	boolean isString(int field) {
		return has(field) && bytes()[this.valueStart[field]] == '"';
	}

	/** Whether the line has the member with an object value. */
	boolean isObject(int field) {
		return has(field) && bytes()[this.valueStart[field]] == '{';
	}

	/** Whether the line has the member with a number value. */
	boolean isNumber(int field) {
		if (!has(field)) {
			return false;
		}
		byte first = bytes()[this.valueStart[field]];
		return first == '-' || (first >= '0' && first <= '9');
	}

	boolean isFalse(int field) {
		return has(field) && bytes()[this.valueStart[field]] == 'f';
	}

	int valueStart(int field) {
		return this.valueStart[field];
	}

	int valueEnd(int field) {
		return this.valueEnd[field];
	}

	/** Whether a string member's value has escapes. */
	boolean escaped(int field) {
		return this.escaped[field];
	}

	/** Whether a string member is exactly {@code text} (ASCII, as written without escapes). */
	boolean stringEquals(int field, byte[] text) {
		if (!isString(field)) {
			return false;
		}
		if (this.escaped[field]) {
			return string(field).equals(new String(text, StandardCharsets.US_ASCII));
		}
		int start = this.valueStart[field] + 1;
		int end = this.valueEnd[field] - 1;
		return Arrays.equals(bytes(), start, end, text, 0, text.length);
	}

	/** The text of a string member. */
	String string(int field) {
		return JsonBytes.decode(bytes(), this.valueStart[field] + 1, this.valueEnd[field] - 1, this.escaped[field]);
	}

	/** The value of a number member: its {@code long} value as {@link Number#longValue()} gives it. */
	long longValue(int field) {
		JsonBytes json = this.json;
		int position = json.position();
		json.position(this.valueStart[field]);
		json.number();
		json.position(position);
		return json.integral() ? json.longValue() : (long) json.doubleValue();
	}

	/** Whether the line's one run of resource blocks is the {@code knownTail} it was read with. */
	boolean sameTail() {
		return this.sameTail;
	}

	/** Runs of adjacent resource blocks. */
	int runs() {
		return this.runs;
	}

	int runStart(int run) {
		return this.runStart[run];
	}

	int runEnd(int run) {
		return this.runEnd[run];
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
