package dev.cloudtelemetry.core.encode;

import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Texts cut where they are built, before they reach the writer: a statement's text held by an event in
 * the queue takes no more memory than the line will show. The result fits within the limit, the marker
 * included, so the encoder, which cuts at the same limit, leaves it as it is.
 */
public final class CutText {

	/** The shortest limit that leaves room for the marker and some text. */
	public static final int MIN_LIMIT = 64;

	private CutText() {
	}

	/**
	 * {@code text} when it has at most {@code maxChars} characters, else its beginning followed by
	 * {@code ...[truncated N chars]}, at most {@code maxChars} characters in all.
	 * @param text the text
	 * @param maxChars the most characters returned
	 * @return the text or its cut form
	 */
	public static String within(String text, int maxChars) {
		return (text.length() <= maxChars) ? text : within(text, text.length(), maxChars);
	}

	/**
	 * The cut form of a text of which only the beginning was built.
	 * @param start the text's beginning, at least as long as what is kept
	 * @param totalLength the length of the whole text
	 * @param maxChars the most characters returned
	 * @return {@code start} when the whole text fits, else its beginning followed by
	 * {@code ...[truncated N chars]}, at most {@code maxChars} characters in all (when {@code maxChars}
	 * leaves room for the marker)
	 */
	public static String within(CharSequence start, long totalLength, int maxChars) {
		if (totalLength <= maxChars) {
			return start.toString();
		}
		// N is at most totalLength: its digits bound the marker's length
		int keep = (int) Math.max(0, Math.min(start.length(), maxChars - marker(totalLength)));
		if (keep > 0 && Character.isHighSurrogate(start.charAt(keep - 1))) {
			keep--;
		}
		return new StringBuilder(keep + marker(totalLength)).append(start, 0, keep)
			.append(JsonWriter.TRUNCATED_START)
			.append(totalLength - keep)
			.append(JsonWriter.TRUNCATED_END)
			.toString();
	}

	private static int marker(long count) {
		return JsonWriter.TRUNCATED_START.length() + Long.toString(count).length()
				+ JsonWriter.TRUNCATED_END.length();
	}

}
