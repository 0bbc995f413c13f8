package dev.cloudtelemetry.metadata;

/**
 * Reads this pod's details from the Kubernetes API.
 */
@FunctionalInterface
public interface ClusterMetadataReader {

	/**
	 * @param namespace the pod's namespace
	 * @param podName the pod's name
	 * @return what could be read; never {@code null}
	 * @throws Exception when the API cannot be used at all
	 */
	ClusterMetadata read(String namespace, String podName) throws Exception;

}
