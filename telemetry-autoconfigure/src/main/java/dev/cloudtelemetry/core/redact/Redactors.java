package dev.cloudtelemetry.core.redact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * The redactors in the order they run, each on what the previous one returned. A redactor that throws
 * makes the value {@link TelemetryRedactor#FAILED}: a broken redactor must not let the value through,
 * nor stop the event from being written. Thread-safe if the redactors are.
 * <p>
 * What it costs the writer: a value is passed only to the redactors that {@link TelemetryRedactor#handles
 * handle} its kind, and values the leading {@link PureRedactor}s let through unchanged are remembered (a
 * small table of recent short values, by field): the same thread name, host or message in the next event
 * costs a lookup instead of their scans. A value is remembered once it was found clean twice in a row in its
 * slot: values that change with every event (ids, durations in a message) cost no allocation and never push out
 * the ones that repeat. Redactors that are not pure run on every value.
 */
public final class Redactors {

	/** Slots of the table of clean values; a power of two. */
	private static final int CLEAN_SLOTS = 512;

	/** Longer values are not remembered: they rarely repeat, and the table stays small (≤ 256 KiB of text). */
	private static final int MAX_REMEMBERED_LENGTH = 256;

	private static final TelemetryRedactor[] NO_REDACTORS = new TelemetryRedactor[0];

	/** No redactor: values are written as they are. */
	public static final Redactors NONE = new Redactors(List.of());

	private final boolean empty;

	/** By {@link Field.Kind#ordinal()}: the redactors that handle that kind, in order. */
	private final TelemetryRedactor[][] byKind;

	/** By kind: how many of the first redactors of {@link #byKind} are pure. */
	private final int[] pure;

	/** Values the pure redactors of a field let through unchanged; racy by design, entries are immutable. */
	private final Clean[] clean;

	/**
	 * By slot: the hash of the last clean value not remembered there. A value is remembered only when it is
	 * found clean again with nothing else in between; racy by design, it is only a hint.
	 */
	private final int[] seenOnce;

	private Redactors(List<? extends TelemetryRedactor> redactors) {
		this.empty = redactors.isEmpty();
		Field.Kind[] kinds = Field.Kind.values();
		this.byKind = new TelemetryRedactor[kinds.length][];
		this.pure = new int[kinds.length];
		boolean anyPure = false;
		for (Field.Kind kind : kinds) {
			List<TelemetryRedactor> handling = new ArrayList<>();
			for (TelemetryRedactor redactor : redactors) {
				if (redactor.handles(kind)) {
					handling.add(redactor);
				}
			}
			TelemetryRedactor[] chain = handling.toArray(NO_REDACTORS);
			int leadingPure = 0;
			while (leadingPure < chain.length && chain[leadingPure] instanceof PureRedactor) {
				leadingPure++;
			}
			this.byKind[kind.ordinal()] = chain;
			this.pure[kind.ordinal()] = leadingPure;
			anyPure |= leadingPure > 0;
		}
		this.clean = anyPure ? new Clean[CLEAN_SLOTS] : new Clean[0];
		this.seenOnce = new int[this.clean.length];
	}

	/**
	 * @param redactors the redactors, in the order they run
	 * @return a chain of them
	 */
	public static Redactors of(List<? extends TelemetryRedactor> redactors) {
		return redactors.isEmpty() ? NONE : new Redactors(redactors);
	}

	/** Whether there is no redactor. */
	public boolean isEmpty() {
		return this.empty;
	}

	/**
	 * @param field where the value is written
	 * @param value the value, may be {@code null}
	 * @return the value to write
	 */
	public String redact(Field field, String value) {
		if (value == null) {
			return null;
		}
		int kind = field.kind().ordinal();
		TelemetryRedactor[] chain = this.byKind[kind];
		int pure = this.pure[kind];
		String result = value;
		int next = 0;
		if (pure > 0 && field.error() == null && value.length() <= MAX_REMEMBERED_LENGTH) {
			int hash = hash(field, value);
			int slot = hash & (CLEAN_SLOTS - 1);
			Clean known = this.clean[slot];
			if (known == null || !known.matches(field, value)) {
				result = run(chain, 0, pure, field, value);
				if (result == null) {
					return TelemetryRedactor.FAILED;
				}
				if (result.equals(value)) {
					remember(slot, hash, field, value);
				}
			}
			next = pure;
		}
		result = run(chain, next, chain.length, field, result);
		return (result != null) ? result : TelemetryRedactor.FAILED;
	}

	/**
	 * Whether {@link #redact} returns every value of {@code field} unchanged: every redactor that handles it
	 * is pure and {@link PureRedactor#passesEveryValue passes every value}. The writer then skips redaction
	 * of that field.
	 * @param field where values are written
	 * @return whether no value of the field is ever changed
	 */
	public boolean passesEveryValue(Field field) {
		return passes(field, null);
	}

	/**
	 * Whether {@link #redact} returns unchanged every value of {@code field} made of {@code prefix} and a
	 * duration ({@link PureRedactor#passesWithMillis}): every redactor that handles the field says so. A
	 * redactor that is not pure must see every value, so with one in the chain the answer is {@code false}.
	 * @param field where values are written
	 * @param prefix the text before the duration
	 * @return whether no such value is ever changed
	 */
	public boolean passesWithMillis(Field field, String prefix) {
		return passes(field, prefix);
	}

	/** Whether every redactor of the field's chain passes its values; one that throws does not. */
	private boolean passes(Field field, String prefix) {
		for (TelemetryRedactor redactor : this.byKind[field.kind().ordinal()]) {
			try {
				if (!(redactor instanceof PureRedactor pure)
						|| !((prefix != null) ? pure.passesWithMillis(field, prefix) : pure.passesEveryValue(field))) {
					return false;
				}
			}
			catch (RuntimeException | StackOverflowError ex) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Applies one redactor as the chain would: one that throws or returns {@code null} makes the value
	 * {@link TelemetryRedactor#FAILED}. For the redactors instrumentation applies where values are recorded.
	 * @param redactor the redactor
	 * @param field where the value is written
	 * @param value the value, may be {@code null}
	 * @return the value to write
	 */
	public static String apply(TelemetryRedactor redactor, Field field, String value) {
		if (value == null) {
			return null;
		}
		String result;
		try {
			result = redactor.redact(field, value);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return TelemetryRedactor.FAILED;
		}
		return (result != null) ? result : TelemetryRedactor.FAILED;
	}

	/** Runs {@code chain[from..to)}; {@code null} when one of them failed. */
	private static String run(TelemetryRedactor[] chain, int from, int to, Field field, String value) {
		String result = value;
		for (int i = from; i < to; i++) {
			try {
				result = chain[i].redact(field, result);
			}
			catch (RuntimeException | StackOverflowError ex) {
				return null;
			}
			if (result == null) {
				return null;
			}
		}
		return result;
	}

	/** Remembers a clean value on its second sighting in a row in its slot. */
	private void remember(int slot, int hash, Field field, String value) {
		if (this.seenOnce[slot] == hash) {
			this.clean[slot] = new Clean(field.kind(), field.name(), value);
		}
		else {
			this.seenOnce[slot] = hash;
		}
	}

	private static int hash(Field field, String value) {
		return value.hashCode() * 31 + field.name().hashCode() + field.kind().ordinal();
	}

	/**
	 * Redacts every string in a value that may be a map or list.
	 * @param name the attribute key or, for metadata, the block's key ({@code k8s})
	 * @param value a string, number, boolean, map or list; may be {@code null}
	 * @param metadata whether the value is metadata, each map key extending the name
	 * ({@code k8s.pod_annotations.team}); otherwise every string is a value of the attribute {@code name}
	 * @return a copy with every string redacted, or the value itself when it holds no string
	 */
	public Object redactValue(String name, Object value, boolean metadata) {
		if (value instanceof CharSequence text) {
			return redact(metadata ? Field.metadata(name) : Field.attribute(name), text.toString());
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, redactValue(metadata ? name + "." + key : name, item, metadata)));
			return copy;
		}
		if (value instanceof Iterable<?> items) {
			List<Object> copy = new ArrayList<>();
			items.forEach((item) -> copy.add(redactValue(name, item, metadata)));
			return copy;
		}
		return value;
	}

	/** A value the pure redactors of a field let through unchanged. */
	private record Clean(Field.Kind kind, String name, String value) {

		boolean matches(Field field, String candidate) {
			return this.kind == field.kind() && this.value.equals(candidate) && this.name.equals(field.name());
		}

	}

}
