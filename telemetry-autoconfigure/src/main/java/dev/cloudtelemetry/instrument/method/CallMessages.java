package dev.cloudtelemetry.instrument.method;

import org.jspecify.annotations.Nullable;

/**
 * The constant parts of a traced call's messages, built once per method name rather than for every event:
 * the entry's message and the exit's text before its duration, the same instances each time, so that the
 * writer finds them already redacted and encoded ({@link dev.cloudtelemetry.core.event.TelemetryEvent#messageBeforeDuration()}).
 * A small table by the name's instance; read and written by any thread without a lock: its entries are
 * immutable, and a lost or replaced entry is only built again.
 */
final class CallMessages {

	/** Slots of the table; a power of two. */
	private static final int SLOTS = 256;

	private final Texts[] slots = new Texts[SLOTS];

	/**
	 * @param functionName the method's readable name, the instance its {@link MethodInfo} holds
	 * @return the texts of its messages
	 */
	Texts of(@Nullable String functionName) {
		if (functionName == null) {
			return texts(null);
		}
		int slot = functionName.hashCode() & (SLOTS - 1);
		Texts known = this.slots[slot];
		if (known != null && known.functionName() == functionName) {
			return known;
		}
		Texts created = texts(functionName);
		this.slots[slot] = created;
		return created;
	}

	private static Texts texts(@Nullable String functionName) {
		return new Texts(functionName, "Function '" + functionName + "' entry",
				"Function '" + functionName + "' exit (", "Function '" + functionName + "' cancelled (");
	}

	/**
	 * @param functionName the method's readable name
	 * @param entry the entry's message
	 * @param exit the text of a normal exit's message before the duration
	 * @param cancelled the text of a cancelled call's exit message before the duration
	 */
	record Texts(@Nullable String functionName, String entry, String exit, String cancelled) {
	}

}
