package dev.cloudtelemetry.metadata;

import org.jspecify.annotations.Nullable;

/**
 * A value created on first use, once, by whichever thread needs it first: the metadata providers that need
 * {@link IsolatedLibraries} use it so that the libraries are loaded by the metadata thread, and only on the
 * platform that needs them, never while the application starts.
 *
 * @param <T> the value's type
 */
public final class Deferred<T> {

	private final Factory<T> factory;

	private volatile @Nullable T value;

	/**
	 * @param factory creates the value
	 */
	public Deferred(Factory<T> factory) {
		this.factory = factory;
	}

	/**
	 * @return the value, created on the first call (a failed creation is tried again on the next call)
	 * @throws Exception when it cannot be created
	 */
	public T get() throws Exception {
		T current = this.value;
		if (current == null) {
			synchronized (this) {
				current = this.value;
				if (current == null) {
					current = this.factory.create();
					this.value = current;
				}
			}
		}
		return current;
	}

	/**
	 * Creates the value.
	 *
	 * @param <T> the value's type
	 */
	@FunctionalInterface
	public interface Factory<T> {

		/**
		 * @return the value
		 * @throws Exception when it cannot be created
		 */
		T create() throws Exception;

	}

}
