package dev.cloudtelemetry.metadata.kubernetes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.cloudtelemetry.metadata.Json;

/**
 * Edits JSON documents as maps, to derive the objects an API server of another version would answer from
 * the recorded ones.
 */
final class JsonEdits {

	private JsonEdits() {
	}

	static String edit(String json, Consumer<Map<String, Object>> edit) {
		Map<String, Object> document = Json.parseObject(json);
		edit.accept(document);
		return Json.write(document);
	}

	/**
	 * @param path member names and array indexes, for example {@code "spec", "containers", "0"}
	 * @return the object at that path
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> at(Map<String, Object> document, String... path) {
		Object current = document;
		for (String step : path) {
			current = (current instanceof List<?> list) ? list.get(Integer.parseInt(step))
					: ((Map<String, Object>) current).get(step);
		}
		return (Map<String, Object>) current;
	}

	/** @return the objects of the array at that path */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> each(Map<String, Object> document, String... path) {
		String[] parent = Arrays.copyOf(path, path.length - 1);
		return (List<Map<String, Object>>) at(document, parent).get(path[path.length - 1]);
	}

}
