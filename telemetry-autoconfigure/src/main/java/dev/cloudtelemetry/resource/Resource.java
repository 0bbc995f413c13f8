package dev.cloudtelemetry.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved, immutable static blocks written with every event. Values are strings, numbers, booleans,
 * {@code null}, lists or nested maps of the same.
 */
public final class Resource {

	private final Map<String, Object> service;

	private final String environment;

	private final Map<String, Object> resource;

	private final Map<String, Object> cloud;

	private final Map<String, Object> host;

	private final Map<String, Object> k8s;

	private final Map<String, Object> process;

	Resource(Map<String, Object> service, String environment, Map<String, Object> resource,
			Map<String, Object> cloud, Map<String, Object> host, Map<String, Object> k8s,
			Map<String, Object> process) {
		this.service = copy(service);
		this.environment = environment;
		this.resource = copy(resource);
		this.cloud = copy(cloud);
		this.host = copy(host);
		this.k8s = copy(k8s);
		this.process = copy(process);
	}

	private static Map<String, Object> copy(Map<String, Object> source) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(source));
	}

	public Map<String, Object> service() {
		return this.service;
	}

	public String environment() {
		return this.environment;
	}

	public Map<String, Object> resource() {
		return this.resource;
	}

	public Map<String, Object> cloud() {
		return this.cloud;
	}

	public Map<String, Object> host() {
		return this.host;
	}

	/** The {@code k8s} block, empty outside Kubernetes. */
	public Map<String, Object> k8s() {
		return this.k8s;
	}

	public Map<String, Object> process() {
		return this.process;
	}

}
