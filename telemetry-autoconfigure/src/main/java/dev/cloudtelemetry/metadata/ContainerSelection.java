package dev.cloudtelemetry.metadata;

/**
 * Which of the pod's containers this application runs in, and the rule that decided it.
 * @param name the container's name, or {@code null} when no rule decided
 * @param selectedBy the deciding rule: {@code env} ({@code K8S_CONTAINER_NAME} / {@code CONTAINER_NAME}),
 * {@code container_id} (an id from cgroup or mountinfo matched a container status),
 * {@code default_container_annotation} ({@code kubectl.kubernetes.io/default-container}) or
 * {@code only_non_sidecar} (the only container that is not a known sidecar); {@code null} when none did
 * @param reason why no rule decided, in plain words, or {@code null} when one did
 */
public record ContainerSelection(String name, String selectedBy, String reason) {

	public static final String ENV = "env";

	public static final String CONTAINER_ID = "container_id";

	public static final String DEFAULT_CONTAINER_ANNOTATION = "default_container_annotation";

	public static final String ONLY_NON_SIDECAR = "only_non_sidecar";

	/** @return a selection made by that rule */
	public static ContainerSelection selected(String name, String selectedBy) {
		return new ContainerSelection(name, selectedBy, null);
	}

	/** @return no selection, for that reason */
	public static ContainerSelection undecided(String reason) {
		return new ContainerSelection(null, null, reason);
	}

}
