package dev.cloudtelemetry.core.sampling;

/**
 * Decides, when a span starts, whether its events are written. Filters declared as beans are asked in their
 * {@code @Order}; the first that does not {@linkplain Decision#ABSTAIN abstain} decides. When all abstain, a
 * span follows its parent: the children of a dropped span are dropped too, unless a filter keeps them.
 * <p>
 * Both events of a span (entry and exit, request and response) are kept or dropped together. A dropped span
 * still carries its trace: its children and outgoing calls keep their parent's ids, so a kept child of a
 * dropped span names a parent that is not written.
 * <p>
 * Called on the application's thread for every span when any filter is installed: implementations must be
 * cheap and must not throw (what they throw counts as {@link Decision#ABSTAIN}).
 */
@FunctionalInterface
public interface SpanFilter {

	/**
	 * Decides about one span.
	 * @param span what is known of the span when it starts
	 * @return the decision
	 */
	Decision decide(Candidate span);

	/** What a filter answers. */
	enum Decision {

		/** Write the span, even when its parent was dropped. */
		KEEP,

		/** Do not write the span; its children follow unless a filter keeps them. */
		DROP,

		/** Leave the decision to the next filter, and in the end to the parent's fate. */
		ABSTAIN

	}

	/** What kind of work a span describes. */
	enum Kind {

		/** A traced method call; {@code target} is the declaring type's name. */
		METHOD,

		/** An incoming HTTP request; {@code target} is the request path. */
		HTTP_SERVER,

		/** An outgoing HTTP call; {@code target} is the host called. */
		HTTP_CLIENT,

		/** A statement; {@code target} is the statement's text as it is written ({@code db.statement}). */
		DATABASE

	}

	/**
	 * A span as a filter sees it.
	 *
	 * @param kind what the span describes
	 * @param name the span's name as written in {@code function_name} (for HTTP, the method; for statements,
	 * the operation, such as {@code SELECT})
	 * @param target what the span works on, see {@link Kind}; may be {@code null}
	 * @param parentDropped whether the local parent span was dropped (by a filter)
	 */
	record Candidate(Kind kind, String name, @org.jspecify.annotations.Nullable String target, boolean parentDropped) {

	}

}
