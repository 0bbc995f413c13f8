package dev.cloudtelemetry.metadata;

/**
 * Finds out whether the application runs on one kind of cloud and, if so, what the cloud says about it.
 * Probes may throw: the {@link CloudMetadataResourceProvider} times them, bounds them and turns every
 * failure into a line of diagnostics.
 */
public interface CloudProbe {

	/**
	 * @return a short, stable name such as {@code aws-ec2}
	 */
	String name();

	/**
	 * Whether this probe talks to a link-local metadata service that may not exist (run in parallel, with
	 * a deadline) rather than checking the environment or a service the environment points at.
	 * @return {@code true} for a speculative network probe
	 */
	default boolean isSpeculative() {
		return true;
	}

	/**
	 * @return what the cloud says, or {@code null} when this is not that cloud
	 * @throws Exception when the probe fails; the message is shown to people
	 */
	CloudMetadata probe() throws Exception;

}
