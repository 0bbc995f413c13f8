package dev.cloudtelemetry.output.otlp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of one mapped span, in the order first put: the same content as the SDK's
 * {@code Attributes.builder()} would give (a key put again keeps its last value, keys are one per name whatever
 * their type, empty names and {@code null} values are left out), without its sorting and de-duplicating of a
 * list at {@code build()}, which was a third of the exporter thread's mapping time. The OTLP marshalers read
 * them through {@link #forEach}, so only the order on the wire differs (OTLP gives it no meaning).
 * <p>
 * Equal to any {@link Attributes} with the same {@link #asMap()}, so that a span compares equal to one mapped
 * with the SDK's builder (the SDK's own implementation compares only with its own kind), and with the hash code
 * of the SDK's attributes of the same content, so that equal attributes hash alike.
 */
final class SpanAttributes implements Attributes {

	private static final Object[] NONE = new Object[0];

	/** Keys at even indexes, their values after them. */
	private final Object[] pairs;

	private SpanAttributes(Object[] pairs) {
		this.pairs = pairs;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(@Nullable AttributeKey<T> key) {
		if (key == null) {
			// as the SDK's attributes answer
			return null;
		}
		for (int i = 0; i < this.pairs.length; i += 2) {
			if (key.equals(this.pairs[i])) {
				return (T) this.pairs[i + 1];
			}
		}
		return null;
	}

	@Override
	public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
		for (int i = 0; i < this.pairs.length; i += 2) {
			consumer.accept((AttributeKey<?>) this.pairs[i], this.pairs[i + 1]);
		}
	}

	@Override
	public int size() {
		return this.pairs.length / 2;
	}

	@Override
	public boolean isEmpty() {
		return this.pairs.length == 0;
	}

	@Override
	public Map<AttributeKey<?>, Object> asMap() {
		Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	@Override
	public AttributesBuilder toBuilder() {
		return Attributes.builder().putAll(this);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other == this || (other instanceof Attributes attributes && attributes.size() == size()
				&& asMap().equals(attributes.asMap()));
	}

	@Override
	public int hashCode() {
		// the SDK's hash code of the same content (of its own sorted form): rarely asked for, never by exporters
		return toBuilder().build().hashCode();
	}

	@Override
	public String toString() {
		return asMap().toString();
	}

	/**
	 * Collects the attributes of one span after another: {@link #build()} copies them out, {@link #clear()} starts
	 * the next. Used by one thread.
	 */
	static final class Builder implements AttributesBuilder {

		private Object[] pairs = new Object[32];

		/** The hash of each key's name, to find a name put before without comparing strings. */
		private int[] hashes = new int[16];

		private int size;

		Builder clear() {
			Arrays.fill(this.pairs, 0, this.size * 2, null);
			this.size = 0;
			return this;
		}

		@Override
		public Attributes build() {
			return new SpanAttributes((this.size == 0) ? NONE : Arrays.copyOf(this.pairs, this.size * 2));
		}

		@Override
		public <T> AttributesBuilder put(AttributeKey<Long> key, int value) {
			return put(key, (long) value);
		}

		@Override
		public <T> AttributesBuilder put(@Nullable AttributeKey<T> key, @Nullable T value) {
			if (key == null || value == null) {
				return this;
			}
			String name = key.getKey();
			if (name.isEmpty()) {
				return this;
			}
			int hash = name.hashCode();
			for (int i = 0; i < this.size; i++) {
				Object known = this.pairs[i * 2];
				if (known == key || (this.hashes[i] == hash && ((AttributeKey<?>) known).getKey().equals(name))) {
					this.pairs[i * 2] = key;
					this.pairs[i * 2 + 1] = value;
					return this;
				}
			}
			if (this.size == this.hashes.length) {
				this.hashes = Arrays.copyOf(this.hashes, this.size * 2);
				this.pairs = Arrays.copyOf(this.pairs, this.size * 4);
			}
			this.hashes[this.size] = hash;
			this.pairs[this.size * 2] = key;
			this.pairs[this.size * 2 + 1] = value;
			this.size++;
			return this;
		}

		@Override
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public AttributesBuilder putAll(Attributes attributes) {
			attributes.forEach((key, value) -> put((AttributeKey) key, value));
			return this;
		}

		@Override
		public AttributesBuilder removeIf(Predicate<AttributeKey<?>> filter) {
			int kept = 0;
			for (int i = 0; i < this.size; i++) {
				AttributeKey<?> key = (AttributeKey<?>) this.pairs[i * 2];
				if (!filter.test(key)) {
					this.hashes[kept] = this.hashes[i];
					this.pairs[kept * 2] = key;
					this.pairs[kept * 2 + 1] = this.pairs[i * 2 + 1];
					kept++;
				}
			}
			Arrays.fill(this.pairs, kept * 2, this.size * 2, null);
			this.size = kept;
			return this;
		}

	}

}
