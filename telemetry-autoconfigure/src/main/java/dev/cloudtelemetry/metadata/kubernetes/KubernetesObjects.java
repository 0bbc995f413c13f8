package dev.cloudtelemetry.metadata.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.cloudtelemetry.metadata.Json;

/**
 * Reads fields of Kubernetes objects parsed into maps, leniently: a field that is missing or of another
 * type than expected reads as absent, so that it costs only itself. API servers of other versions,
 * aggregated APIs and proxies do answer objects that lack fields the OpenAPI spec marks required, or carry
 * fields it does not know.
 */
final class KubernetesObjects {

	private KubernetesObjects() {
	}

	/** @return the string at that key, or {@code null} when absent or not a string */
	static String text(Map<String, Object> object, String key) {
		Object value = (object != null) ? object.get(key) : null;
		return (value instanceof String text) ? text : null;
	}

	/** @return the object at that key, or {@code null} when absent or not an object */
	@SuppressWarnings("unchecked")
	static Map<String, Object> object(Map<String, Object> object, String... path) {
		Map<String, Object> current = object;
		for (String key : path) {
			Object value = (current != null) ? current.get(key) : null;
			current = (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
		}
		return current;
	}

	/** @return the objects of the array at that key, skipping elements that are not objects */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> objects(Map<String, Object> object, String key) {
		Object value = (object != null) ? object.get(key) : null;
		List<Map<String, Object>> result = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof Map<?, ?> map) {
					result.add((Map<String, Object>) map);
				}
			}
		}
		return result;
	}

	/** @return the string entries of the object at that key (labels, annotations), sorted by key */
	static Map<String, Object> strings(Map<String, Object> object, String key) {
		return new TreeMap<>(Json.stringMap(object, key));
	}

	/** @return the object among these whose {@code name} is that name, or {@code null} */
	static Map<String, Object> named(List<Map<String, Object>> objects, String name) {
		if (name == null) {
			return null;
		}
		for (Map<String, Object> object : objects) {
			if (name.equals(text(object, "name"))) {
				return object;
			}
		}
		return null;
	}

}
