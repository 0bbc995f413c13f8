package dev.cloudtelemetry.resource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mutable, ordered view of the static blocks while {@link ResourceProvider}s run. Keys keep the order in
 * which they were first put, which is the order they are written in.
 */
public final class ResourceBuilder {

	private final Map<String, Object> service = new LinkedHashMap<>();

	private String environment = "dev";

	private final Map<String, Object> resource = new LinkedHashMap<>();

	private final Map<String, Object> cloud = new LinkedHashMap<>();

	private final Map<String, Object> host = new LinkedHashMap<>();

	private final Map<String, Object> k8s = new LinkedHashMap<>();

	private final Map<String, Object> process = new LinkedHashMap<>();

	public ResourceBuilder() {
		this.cloud.put("provider", "local");
		this.cloud.put("metadata_source", "none");
	}

	public Map<String, Object> service() {
		return this.service;
	}

	public String environment() {
		return this.environment;
	}

	public ResourceBuilder environment(String environment) {
		this.environment = environment;
		return this;
	}

	/** The {@code resource} block: sdk, runtime and os attributes. */
	public Map<String, Object> resource() {
		return this.resource;
	}

	/**
	 * The {@code cloud} block; starts as {@code {"provider":"local","metadata_source":"none"}}. A cloud
	 * provider that applies should {@link Map#clear() clear} it before filling it.
	 */
	public Map<String, Object> cloud() {
		return this.cloud;
	}

	public Map<String, Object> host() {
		return this.host;
	}

	/** The {@code k8s} block; written only when not empty. */
	public Map<String, Object> k8s() {
		return this.k8s;
	}

	public Map<String, Object> process() {
		return this.process;
	}

	public Resource build() {
		return new Resource(this.service, this.environment, this.resource, this.cloud, this.host, this.k8s,
				this.process);
	}

}
