package dev.cloudtelemetry.output;

import java.nio.file.Path;
import java.util.List;

/**
 * Tells rotation which rotated files someone still needs (such as the OTLP exporter in durable mode, which
 * ships from the files). A rotated file beyond {@code max-history} is kept until it is released; beyond
 * {@code max-total-size} it is deleted all the same, after {@link #forcedDeletion(Path)}. Called from the
 * rotation thread. Several guards combine with {@link #allOf}: a file is kept while any of them needs it.
 */
public interface RetentionGuard {

	/** Nobody needs rotated files once rotated. */
	RetentionGuard NONE = new RetentionGuard() {

		@Override
		public boolean released(Path file) {
			return true;
		}

		@Override
		public void forcedDeletion(Path file) {
		}

	};

	/**
	 * Several guards as one: a file is released once every guard released it, and a forced deletion is told to
	 * each guard that had not released it.
	 * @param guards the guards, in the order they are asked
	 * @return {@link #NONE} for none, the guard itself for one
	 */
	static RetentionGuard allOf(List<? extends RetentionGuard> guards) {
		if (guards.isEmpty()) {
			return NONE;
		}
		if (guards.size() == 1) {
			return guards.get(0);
		}
		List<RetentionGuard> all = List.copyOf(guards);
		return new RetentionGuard() {

			@Override
			public boolean released(Path file) {
				for (RetentionGuard guard : all) {
					if (!guard.released(file)) {
						return false;
					}
				}
				return true;
			}

			@Override
			public void forcedDeletion(Path file) {
				for (RetentionGuard guard : all) {
					if (!guard.released(file)) {
						guard.forcedDeletion(file);
					}
				}
			}

		};
	}

	/**
	 * @param file a rotated file
	 * @return whether it may be deleted
	 */
	boolean released(Path file);

	/**
	 * The file is about to be deleted to stay within {@code max-total-size}, although it was not released.
	 * @param file a rotated file
	 */
	void forcedDeletion(Path file);

}
