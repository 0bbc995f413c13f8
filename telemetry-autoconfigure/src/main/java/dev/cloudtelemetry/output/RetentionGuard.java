package dev.cloudtelemetry.output;

import java.nio.file.Path;

/**
 * Tells rotation which rotated files someone still needs (such as the OTLP exporter in durable mode, which
 * ships from the files). A rotated file beyond {@code max-history} is kept until it is released; beyond
 * {@code max-total-size} it is deleted all the same, after {@link #forcedDeletion(Path)}. Called from the
 * rotation thread.
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
