package dev.cloudtelemetry.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.core.json.JsonReader;
import dev.cloudtelemetry.core.json.JsonWriter;

/**
 * Lenient reading of small JSON documents from metadata services: anything that is not a JSON object
 * comes back as {@code null}, never an exception.
 */
public final class Json {

	private Json() {
	}

	/**
	 * @param text the document
	 * @return the object, or {@code null} when the text is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> parseObject(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			Object value = JsonReader.parse(text);
			return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Writes a JSON value (maps, lists, strings, numbers, booleans) as text. */
	public static String write(Object value) {
		return new JsonWriter(256).value(value).toString();
	}

	/** @return the string at that key, or {@code null} when absent or not a string/number */
	public static String string(Map<String, Object> map, String key) {
		if (map == null) {
			return null;
		}
		Object value = map.get(key);
		return (value instanceof String || value instanceof Number || value instanceof Boolean) ? value.toString()
				: null;
	}

	/** @return the nested object at that key, or {@code null} */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> object(Map<String, Object> map, String key) {
		Object value = (map != null) ? map.get(key) : null;
		return (value instanceof Map<?, ?> nested) ? (Map<String, Object>) nested : null;
	}

	/** @return the first element of the array at that key when it is an object, or {@code null} */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> firstObject(Map<String, Object> map, String key) {
		Object value = (map != null) ? map.get(key) : null;
		if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
			return (Map<String, Object>) first;
		}
		return null;
	}

	/** @return a copy of the object at that key keeping only string values, or an empty map */
	public static Map<String, Object> stringMap(Map<String, Object> map, String key) {
		Map<String, Object> result = new LinkedHashMap<>();
		Map<String, Object> nested = object(map, key);
		if (nested != null) {
			nested.forEach((k, v) -> {
				if (v instanceof String) {
					result.put(k, v);
				}
			});
		}
		return result;
	}

}
