package dev.cloudtelemetry.metadata;

import java.util.List;
import java.util.Map;

/**
 * What the Kubernetes API said about this pod.
 * @param fields the {@code k8s} fields, in output order
 * @param nodeProviderId the node's {@code spec.providerID} ({@code aws:///us-west-2a/i-...}), or {@code null}
 * @param nodeLabels the node's labels, empty when unknown
 * @param denied the parts RBAC denied, for example {@code nodes}
 * @param errors other failures in plain words, one per part
 * @param container which container is this application's and why, or {@code null} when the pod was not read
 */
public record ClusterMetadata(Map<String, Object> fields, String nodeProviderId, Map<String, Object> nodeLabels,
		List<String> denied, List<String> errors, ContainerSelection container) {

	/** What the API said, without a container selection. */
	public ClusterMetadata(Map<String, Object> fields, String nodeProviderId, Map<String, Object> nodeLabels,
			List<String> denied, List<String> errors) {
		this(fields, nodeProviderId, nodeLabels, denied, errors, null);
	}

}
