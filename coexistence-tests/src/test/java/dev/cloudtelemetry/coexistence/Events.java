package dev.cloudtelemetry.coexistence;

import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds events in validated telemetry output.
 */
final class Events {

	private Events() {
	}

	static List<JsonNode> all(List<JsonNode> events, String type, Predicate<JsonNode> condition) {
		return events.stream()
			.filter((event) -> event.get("event_type").asString().equals(type))
			.filter(condition)
			.toList();
	}

	static JsonNode single(List<JsonNode> events, String type, Predicate<JsonNode> condition) {
		List<JsonNode> found = all(events, type, condition);
		assertThat(found).as("%s events", type).hasSize(1);
		return found.get(0);
	}

	static Predicate<JsonNode> kind(String kind) {
		return (event) -> event.get("attributes").has("span.kind")
				&& kind.equals(event.get("attributes").get("span.kind").asString());
	}

	static Predicate<JsonNode> function(String name) {
		return (event) -> name.equals(event.get("function_name").asString());
	}

}
