package dev.cloudtelemetry.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cloud probe found: the {@code cloud} block it fills and the {@code host} fields it overwrites,
 * plus the Kubernetes cluster name when the cloud knows it (GKE's {@code cluster-name} attribute).
 */
public final class CloudMetadata {

	private final Map<String, Object> cloud = new LinkedHashMap<>();

	private final Map<String, Object> host = new LinkedHashMap<>();

	private String clusterName;

	public CloudMetadata(String provider) {
		this.cloud.put("provider", provider);
	}

	/** Puts a cloud field, skipping {@code null} and blank values. */
	public CloudMetadata cloud(String key, Object value) {
		put(this.cloud, key, value);
		return this;
	}

	/** Puts a host field, skipping {@code null} and blank values. */
	public CloudMetadata host(String key, Object value) {
		put(this.host, key, value);
		return this;
	}

	public CloudMetadata clusterName(String clusterName) {
		this.clusterName = (clusterName != null && !clusterName.isBlank()) ? clusterName : null;
		return this;
	}

	public Map<String, Object> cloud() {
		return this.cloud;
	}

	public Map<String, Object> host() {
		return this.host;
	}

	public String clusterName() {
		return this.clusterName;
	}

	public String provider() {
		return (String) this.cloud.get("provider");
	}

	public String source() {
		return (String) this.cloud.get("metadata_source");
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			return;
		}
		map.put(key, (value instanceof String text) ? text.trim() : value);
	}

}
