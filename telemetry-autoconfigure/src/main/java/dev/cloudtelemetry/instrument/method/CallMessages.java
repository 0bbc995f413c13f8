package dev.cloudtelemetry.instrument.method;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The constant parts of a traced call's messages, built once per method name rather than for every event:
 * the entry's message and the exit's text before its duration, the same instances each time, so that the
 * writer finds them already redacted and encoded ({@link dev.cloudtelemetry.core.event.TelemetryEvent#messageBeforeDuration()}).
 * A map by name, read and written by any thread; its entries are immutable. It was a table of 256 slots by the
 * name's hash, one entry a slot: two methods of one request in the same slot (one chance in three with 15
 * methods, nearly certain with a hundred) replaced each other on every call, building three strings a call
 * and, with them, new texts the writer had to redact and encode again. The map holds every traced method's
 * texts up to {@value #MAX_ENTRIES} names, then starts again empty, so its memory stays bounded whatever
 * names an application makes.
 */
final class CallMessages {

	/** The most names kept at once. */
	static final int MAX_ENTRIES = 4096;

	private final Map<String, Texts> texts = new ConcurrentHashMap<>();

	/**
	 * @param functionName the method's readable name, the instance its {@link MethodInfo} holds
	 * @return the texts of its messages, the same instances for the same name
	 */
	Texts of(@Nullable String functionName) {
		if (functionName == null) {
			return texts(null);
		}
		Texts known = this.texts.get(functionName);
		if (known == null) {
			if (this.texts.size() >= MAX_ENTRIES) {
				this.texts.clear();
			}
			known = this.texts.computeIfAbsent(functionName, CallMessages::texts);
		}
		return known;
	}

	/** How many names are kept. */
	int size() {
		return this.texts.size();
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
