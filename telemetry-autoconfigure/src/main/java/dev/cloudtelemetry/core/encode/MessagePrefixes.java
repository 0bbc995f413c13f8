package dev.cloudtelemetry.core.encode;

import java.util.HashMap;
import java.util.Map;

import dev.cloudtelemetry.core.event.DurationText;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.Field;

/**
 * Writes the messages that are a constant text followed by a duration
 * ({@link dev.cloudtelemetry.core.event.TelemetryEvent#messageBeforeDuration()}) without building them: the
 * text is kept escaped, with whether the redactors let every message made of it through unchanged
 * ({@link Redactors#passesWithMillis}), in a map by text (a table of 256 slots by hash before: two texts in one
 * slot were built, escaped and checked by the redactors again on every use). The bytes are those of
 * {@code string(prefix + millis + "ms)", limit)}: the duration's characters need no escaping and no
 * character of the prefix is escaped differently for what follows it. Not thread-safe: used by the writer
 * thread.
 */
final class MessagePrefixes {

	/** The most texts kept at once (each of at most {@link #MAX_CHARS} characters); then the map starts again empty. */
	static final int MAX_ENTRIES = 1024;

	/** Longer texts are not kept. */
	private static final int MAX_CHARS = 512;

	/** Up to 12 digits before the point. */
	private static final long MAX_NANOS = 1_000_000_000_000_000_000L;

	private final Map<String, Prefix> prefixes = new HashMap<>();

	private final Redactors redactors;

	private final int maxChars;

	/**
	 * @param redactors the redactors messages pass through
	 * @param maxChars the message's limit
	 */
	MessagePrefixes(Redactors redactors, int maxChars) {
		this.redactors = redactors;
		this.maxChars = maxChars;
	}

	/**
	 * Writes {@code prefix} and the duration as a JSON string, when that gives the bytes the message would.
	 * @return whether it was written; if not, nothing was
	 */
	boolean write(String prefix, long durationNanos, JsonWriter out) {
		if (durationNanos < 0 || durationNanos >= MAX_NANOS) {
			return false;
		}
		Prefix known = of(prefix);
		if (!known.passes) {
			return false;
		}
		// rounded as the message is built
		long hundredths = DurationText.hundredthsOfMillis(durationNanos);
		long whole = hundredths / 100;
		if (prefix.length() + JsonWriter.digits(whole) + 6 > this.maxChars) {
			return false;
		}
		out.raw((byte) '"').raw(known.escaped).number(whole).raw((byte) '.').padded((int) (hundredths % 100), 2)
			.ascii("ms)\"");
		return true;
	}

	private Prefix of(String prefix) {
		Prefix known = this.prefixes.get(prefix);
		if (known != null) {
			return known;
		}
		Prefix created = new Prefix(new JsonWriter(prefix.length() + 16).stringContent(prefix).toByteArray(),
				this.redactors.passesWithMillis(Field.MESSAGE, prefix));
		if (prefix.length() <= MAX_CHARS) {
			if (this.prefixes.size() >= MAX_ENTRIES) {
				this.prefixes.clear();
			}
			this.prefixes.put(prefix, created);
		}
		return created;
	}

	/** How many texts are kept. */
	int size() {
		return this.prefixes.size();
	}

	private record Prefix(byte[] escaped, boolean passes) {
	}

}
