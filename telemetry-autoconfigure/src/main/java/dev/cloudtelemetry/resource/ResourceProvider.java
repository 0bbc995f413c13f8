package dev.cloudtelemetry.resource;

/**
 * Contributes to the static blocks of every event ({@code service}, {@code resource}, {@code cloud},
 * {@code host}, {@code k8s}, {@code process}). Providers run once, off the application's threads, in
 * the order given to the {@link ResourceResolver}; a later provider may overwrite what an earlier one set.
 * <p>
 * Implementations must never throw and must bound any I/O they do: a provider that finds nothing simply
 * leaves the builder alone.
 */
public interface ResourceProvider {

	/**
	 * Short, stable name shown in diagnostics, for example {@code process} or {@code aws-ec2}.
	 * @return the provider name
	 */
	String name();

	/**
	 * Adds what this provider knows to the builder.
	 * @param builder the resource under construction
	 */
	void contribute(ResourceBuilder builder);

	/**
	 * Whether this provider may do network I/O (metadata services, the Kubernetes API). Remote providers
	 * run after the local ones, and the output does not wait for them longer than configured.
	 * @return {@code true} for a provider that probes the network
	 */
	default boolean isRemote() {
		return false;
	}

}
