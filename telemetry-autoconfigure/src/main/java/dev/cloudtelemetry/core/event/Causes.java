package dev.cloudtelemetry.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks cause chains safely: an application's exception may have a chain that loops (A, B, C, B) or is
 * very deep, and the writer thread must not loop forever or run out of stack on it.
 */
public final class Causes {

	private Causes() {
	}

	/**
	 * The causes of an error, without the error itself, in order: each once however the chain loops, and
	 * at most {@code maxDepth} of them.
	 * @param error the error
	 * @param maxDepth the most causes returned
	 * @return the causes
	 */
	public static List<Throwable> of(Throwable error, int maxDepth) {
		List<Throwable> causes = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		seen.add(error);
		for (Throwable cause = error.getCause(); cause != null && seen.add(cause) && causes.size() < maxDepth;
				cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

}
