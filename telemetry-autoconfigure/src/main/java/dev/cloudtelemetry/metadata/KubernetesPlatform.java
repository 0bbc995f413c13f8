package dev.cloudtelemetry.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides the managed Kubernetes platform ({@code eks}, {@code gke}, {@code aks}) from what the cloud probe
 * and the Kubernetes API said, without relying on the {@code aws-auth} ConfigMap.
 */
final class KubernetesPlatform {

	private KubernetesPlatform() {
	}

	/**
	 * Adjusts the cloud block of an application that runs in Kubernetes.
	 * @param cloud the cloud block to adjust, empty when no cloud answered
	 * @param cluster what the Kubernetes API said, or {@code null}
	 */
	static void adjust(Map<String, Object> cloud, ClusterMetadata cluster) {
		String providerId = (cluster != null) ? cluster.nodeProviderId() : null;
		Map<String, Object> labels = (cluster != null) ? cluster.nodeLabels() : Map.of();
		if (cloud.isEmpty()) {
			String provider = providerFromNode(providerId, labels);
			if (provider == null) {
				return;
			}
			cloud.put("provider", provider);
			putIfText(cloud, "region", labels.get("topology.kubernetes.io/region"));
			putIfText(cloud, "availability_zone", labels.get("topology.kubernetes.io/zone"));
			putIfText(cloud, "machine.type", labels.get("node.kubernetes.io/instance-type"));
			cloud.put("metadata_source", "Kubernetes API");
		}
		Object provider = cloud.get("provider");
		Object platform = cloud.get("platform");
		if (platform == null || "ec2".equals(platform) || "compute".equals(platform) || "vm".equals(platform)) {
			if ("aws".equals(provider)) {
				setPlatform(cloud, "eks");
			}
			else if ("gcp".equals(provider)) {
				setPlatform(cloud, "gke");
			}
			else if ("azure".equals(provider)) {
				setPlatform(cloud, "aks");
			}
		}
	}

	static String clusterName(CloudMetadata cloud, ClusterMetadata cluster) {
		if (cloud != null && cloud.clusterName() != null) {
			return cloud.clusterName();
		}
		if (cluster != null) {
			for (String label : new String[] { "alpha.eksctl.io/cluster-name", "eks.amazonaws.com/cluster-name",
					"kubernetes.azure.com/cluster" }) {
				Object value = cluster.nodeLabels().get(label);
				if (value instanceof String text && !text.isBlank()) {
					return text;
				}
			}
		}
		return null;
	}

	private static String providerFromNode(String providerId, Map<String, Object> labels) {
		if (providerId != null) {
			if (providerId.startsWith("aws://")) {
				return "aws";
			}
			if (providerId.startsWith("gce://")) {
				return "gcp";
			}
			if (providerId.startsWith("azure://")) {
				return "azure";
			}
		}
		for (String label : labels.keySet()) {
			if (label.startsWith("eks.amazonaws.com/")) {
				return "aws";
			}
			if (label.startsWith("cloud.google.com/gke")) {
				return "gcp";
			}
			if (label.startsWith("kubernetes.azure.com/")) {
				return "azure";
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
