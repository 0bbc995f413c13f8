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
	 * Probes the cloud. A speculative probe calls {@code detected} as soon as the first answer proves the
	 * service is there (a token, a response carrying {@code Metadata-Flavor: Google}): from then on it is
	 * given time to read the rest, while a machine where nothing answers is given up on quickly.
	 * @param detected to call once the service is known to exist
	 * @return what the cloud says, or {@code null} when this is not that cloud
	 * @throws Exception when the probe fails; the message is shown to people
	 */
	CloudMetadata probe(Runnable detected) throws Exception;

}
