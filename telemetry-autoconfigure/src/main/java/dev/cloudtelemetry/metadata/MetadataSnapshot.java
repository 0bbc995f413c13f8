package dev.cloudtelemetry.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the network side of metadata resolution produced, as it is cached: the whole {@code cloud} block
 * (empty when no cloud was found), the {@code host} fields the cloud overwrites, and the {@code k8s}
 * fields read from the Kubernetes API.
 * @param cloud the cloud block, or empty for the local fallback
 * @param host host fields to overwrite
 * @param k8s Kubernetes fields to add
 */
public record MetadataSnapshot(Map<String, Object> cloud, Map<String, Object> host, Map<String, Object> k8s) {

	public MetadataSnapshot {
		cloud = Collections.unmodifiableMap(new LinkedHashMap<>(cloud));
		host = Collections.unmodifiableMap(new LinkedHashMap<>(host));
		k8s = Collections.unmodifiableMap(new LinkedHashMap<>(k8s));
	}

	/** @return where the cloud block came from, {@code none} for the local fallback */
	public String source() {
		Object source = this.cloud.get("metadata_source");
		return (source != null) ? source.toString() : "none";
	}

}
