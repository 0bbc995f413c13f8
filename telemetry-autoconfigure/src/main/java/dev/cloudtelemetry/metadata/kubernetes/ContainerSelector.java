package dev.cloudtelemetry.metadata.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cloudtelemetry.metadata.ContainerSelection;

import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.named;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.object;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.objects;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.text;

/**
 * Tells which of a pod's containers this application runs in. The id in {@code /proc/self/mountinfo} is
 * often the pod sandbox's rather than the container's (cgroup v2 with containerd or CRI-O), so the rules are
 * tried in order: the name in {@code K8S_CONTAINER_NAME} / {@code CONTAINER_NAME}; a local container id that
 * matches a container status; the {@code kubectl.kubernetes.io/default-container} annotation; the only
 * container that is not a known sidecar. Kubernetes native sidecars ({@code initContainers} with
 * {@code restartPolicy: Always}) are never among {@code containers}, so they never compete.
 */
final class ContainerSelector {

	/** Names that meshes, proxies and agents give the containers they inject beside the application. */
	static final Set<String> KNOWN_SIDECARS = Set.of("istio-proxy", "linkerd-proxy", "envoy", "envoy-sidecar",
			"consul-dataplane", "kuma-sidecar", "daprd", "cloud-sql-proxy", "cloudsql-proxy", "vault-agent",
			"datadog-agent", "otc-container");

	static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

	private ContainerSelector() {
	}

	/**
	 * @param pod the pod object
	 * @param envName the container name from the environment, or {@code null}
	 * @param localIds the container ids the cgroup and mountinfo files show
	 * @return the container's spec and runtime id, and the rule that chose it
	 */
	static Choice select(Map<String, Object> pod, String envName, List<String> localIds) {
		Map<String, Object> spec = object(pod, "spec");
		List<Map<String, Object>> containers = objects(spec, "containers");
		List<Map<String, Object>> all = new ArrayList<>(containers);
		all.addAll(objects(spec, "initContainers"));
		List<Map<String, Object>> statuses = objects(object(pod, "status"), "containerStatuses");
		statuses.addAll(objects(object(pod, "status"), "initContainerStatuses"));
		Map<String, Object> byEnv = named(all, (envName != null) ? envName.trim() : null);
		if (byEnv != null) {
			return choice(byEnv, statuses, ContainerSelection.ENV);
		}
		for (Map<String, Object> status : statuses) {
			String id = runtimeId(text(status, "containerID"));
			Map<String, Object> container = named(all, text(status, "name"));
			if (id != null && localIds.contains(id) && container != null) {
				return choice(container, statuses, ContainerSelection.CONTAINER_ID);
			}
		}
		Map<String, Object> annotated = named(containers,
				text(object(pod, "metadata", "annotations"), DEFAULT_CONTAINER));
		if (annotated != null) {
			return choice(annotated, statuses, ContainerSelection.DEFAULT_CONTAINER_ANNOTATION);
		}
		List<String> applications = new ArrayList<>();
		for (Map<String, Object> container : containers) {
			String name = text(container, "name");
			if (name != null && !KNOWN_SIDECARS.contains(name)) {
				applications.add(name);
			}
		}
		if (applications.size() == 1 || (applications.isEmpty() && containers.size() == 1)) {
			Map<String, Object> only = applications.isEmpty() ? containers.get(0) : named(containers,
					applications.get(0));
			return choice(only, statuses, ContainerSelection.ONLY_NON_SIDECAR);
		}
		String reason = containers.isEmpty() ? "the pod lists no containers"
				: applications.isEmpty() ? "every container is a known sidecar"
						: applications.size() + " containers are not known sidecars (" + String.join(", ", applications)
								+ "); set K8S_CONTAINER_NAME from the downward API or the pod annotation "
								+ DEFAULT_CONTAINER;
		return new Choice(null, null, ContainerSelection.undecided(reason));
	}

	private static Choice choice(Map<String, Object> container, List<Map<String, Object>> statuses, String rule) {
		String name = text(container, "name");
		Map<String, Object> status = named(statuses, name);
		return new Choice(container, (status != null) ? runtimeId(text(status, "containerID")) : null,
				ContainerSelection.selected(name, rule));
	}

	/** @return the id of {@code containerd://<id>}, {@code docker://<id>}, {@code cri-o://<id>} */
	private static String runtimeId(String containerId) {
		if (containerId == null || containerId.isBlank()) {
			return null;
		}
		int scheme = containerId.indexOf("://");
		return (scheme >= 0) ? containerId.substring(scheme + 3) : containerId;
	}

	/**
	 * The chosen container.
	 * @param container its spec, or {@code null} when no rule decided
	 * @param id its runtime id from its status, or {@code null} when not known yet
	 * @param selection its name and the deciding rule
	 */
	record Choice(Map<String, Object> container, String id, ContainerSelection selection) {
	}

}
