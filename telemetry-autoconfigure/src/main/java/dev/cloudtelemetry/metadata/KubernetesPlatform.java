package dev.cloudtelemetry.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the managed Kubernetes platform ({@code eks}, {@code gke}, {@code aks}) from what the cloud probe
 * and the Kubernetes API said, without relying on the {@code aws-auth} ConfigMap. What identifies each
 * cloud's managed Kubernetes is that cloud's own fact ({@link ManagedKubernetes}), declared next to its probe.
 */
final class KubernetesPlatform {

	private KubernetesPlatform() {
	}

	/**
	 * Adjusts the cloud block of an application that runs in Kubernetes.
	 * @param cloud the cloud block to adjust, empty when no cloud answered
	 * @param cluster what the Kubernetes API said, or {@code null}
	 * @param platforms the clouds' managed Kubernetes, in order of preference
	 */
	static void adjust(Map<String, Object> cloud, ClusterMetadata cluster, List<ManagedKubernetes> platforms) {
		String providerId = (cluster != null) ? cluster.nodeProviderId() : null;
		Map<String, Object> labels = (cluster != null) ? cluster.nodeLabels() : Map.of();
		if (cloud.isEmpty()) {
			ManagedKubernetes fromNode = fromNode(providerId, labels, platforms);
			if (fromNode == null) {
				return;
			}
			cloud.put("provider", fromNode.provider());
			putIfText(cloud, "region", labels.get("topology.kubernetes.io/region"));
			putIfText(cloud, "availability_zone", labels.get("topology.kubernetes.io/zone"));
			putIfText(cloud, "machine.type", labels.get("node.kubernetes.io/instance-type"));
			cloud.put("metadata_source", "Kubernetes API");
		}
		Object provider = cloud.get("provider");
		Object platform = cloud.get("platform");
		for (ManagedKubernetes managed : platforms) {
			if (managed.provider().equals(provider) && (platform == null || managed.vmPlatform().equals(platform))) {
				setPlatform(cloud, managed.platform());
				return;
			}
		}
	}

	static String clusterName(CloudMetadata cloud, ClusterMetadata cluster, List<ManagedKubernetes> platforms) {
		if (cloud != null && cloud.clusterName() != null) {
			return cloud.clusterName();
		}
		if (cluster != null) {
			for (ManagedKubernetes managed : platforms) {
				for (String label : managed.clusterNameLabels()) {
					Object value = cluster.nodeLabels().get(label);
					if (value instanceof String text && !text.isBlank()) {
						return text;
					}
				}
			}
		}
		return null;
	}

	private static ManagedKubernetes fromNode(String providerId, Map<String, Object> labels,
			List<ManagedKubernetes> platforms) {
		if (providerId != null) {
			for (ManagedKubernetes managed : platforms) {
				if (providerId.startsWith(managed.providerIdPrefix())) {
					return managed;
				}
			}
		}
		for (String label : labels.keySet()) {
			for (ManagedKubernetes managed : platforms) {
				if (label.startsWith(managed.nodeLabelPrefix())) {
					return managed;
				}
			}
		}
		return null;
	}
	private static void setPlatform(Map<String, Object> cloud, String platform) {
		Map<String, Object> reordered = new LinkedHashMap<>();
		cloud.forEach((key, value) -> {
			if (!"platform".equals(key) && !"metadata_source".equals(key)) {
				reordered.put(key, value);
			}
		});
		reordered.put("platform", platform);
		Object source = cloud.get("metadata_source");
		if (source != null) {
			reordered.put("metadata_source", source);
		}
		cloud.clear();
		cloud.putAll(reordered);
	}

	private static void putIfText(Map<String, Object> map, String key, Object value) {
		if (value instanceof String text && !text.isBlank()) {
			map.put(key, text);
		}
	}

}
