package dev.cloudtelemetry.core.encode;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.Field;

/**
 * Prints an error, its causes and the errors suppressed in each, in the layout of
 * {@link Throwable#printStackTrace()}, with every message passed through the redactors: printing the
 * error itself would write its causes' and suppressed errors' messages (an SQL exception quoting a
 * literal, a URL with a token) as they are. Chains that loop end at the repeated error; at most
 * {@value #MAX_ERRORS} errors are printed, so a deep chain cannot exhaust the writer thread's stack.
 */
final class StackTraceText {

	static final int MAX_ERRORS = 64;

	private static final StackTraceElement[] NONE = new StackTraceElement[0];

	private final Redactors redactors;

	private final StringBuilder out;

	private final int max;

	private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

	private long cut;

	private StackTraceText(Redactors redactors, int max) {
		this.redactors = redactors;
		this.max = max;
		this.out = new StringBuilder(Math.min(max, 2048));
	}

	/**
	 * @param error the error
	 * @param redactors the redactors each message passes through
	 * @param max the most characters kept; the rest is counted and replaced by a marker
	 * @return the stack trace
	 */
	static String of(Throwable error, Redactors redactors, int max) {
		StackTraceText text = new StackTraceText(redactors, max);
		text.print(error, NONE, "", "");
		return (text.cut > 0) ? text.out + "\n\t" + JsonWriter.TRUNCATED_START + text.cut + JsonWriter.TRUNCATED_END
				: text.out.toString();
	}

	private void print(Throwable error, StackTraceElement[] enclosing, String caption, String prefix) {
		if (!this.seen.add(error)) {
			append(prefix, caption, "[CIRCULAR REFERENCE: ", error.getClass().getName(), "]\n");
			return;
		}
		if (this.seen.size() > MAX_ERRORS) {
			append(prefix, caption, "[more errors not printed]\n");
			return;
		}
		append(prefix, caption, error.getClass().getName());
		String message = error.getMessage();
		if (message != null) {
			// once the text is full the message is only counted: no need to redact what is not written
			append(": ", full() ? message : this.redactors.redact(Field.stackTrace(error), message));
		}
		append("\n");
		StackTraceElement[] trace = error.getStackTrace();
		int m = trace.length - 1;
		for (int n = enclosing.length - 1; m >= 0 && n >= 0 && trace[m].equals(enclosing[n]); n--) {
			m--;
		}
		for (int i = 0; i <= m; i++) {
			append(prefix, "\tat ", trace[i].toString(), "\n");
		}
		int inCommon = trace.length - 1 - m;
		if (inCommon != 0) {
			append(prefix, "\t... ", Integer.toString(inCommon), " more\n");
		}
		for (Throwable suppressed : error.getSuppressed()) {
			print(suppressed, trace, "Suppressed: ", prefix + "\t");
		}
		Throwable cause = error.getCause();
		if (cause != null) {
			print(cause, trace, "Caused by: ", prefix);
		}
	}

	private boolean full() {
		return this.out.length() >= this.max;
	}

	/** Appends up to the limit and counts what is cut. */
	private void append(String... parts) {
		for (String text : parts) {
			int taken = Math.min(Math.max(0, this.max - this.out.length()), text.length());
			this.out.append(text, 0, taken);
			this.cut += text.length() - taken;
		}
	}

}
