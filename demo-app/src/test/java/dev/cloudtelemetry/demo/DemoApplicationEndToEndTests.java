package dev.cloudtelemetry.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import dev.cloudtelemetry.demo.scenario.DemoScenario;
import dev.cloudtelemetry.demo.scenario.TelemetrySummary;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the demo on a random port, lets its start-up scenario run and validates everything it wrote.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "telemetry.output.path=target/e2e/telemetry-${random.value}.jsonl",
				"demo.audit.initial-delay=200ms" })
class DemoApplicationEndToEndTests {

	@Autowired
	DemoScenario scenario;

	@LocalServerPort
	int port;

	@Test
	void theStartupScenarioWritesValidTelemetryOfEveryKind() throws Exception {
		TelemetrySummary summary = this.scenario.summary().get(60, TimeUnit.SECONDS);
		Path output = summary.output();
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).hasSizeGreaterThanOrEqualTo(summary.events().size());
		assertThat(summary.countsByType()).containsKeys("function_entry", "function_exit", "http_request",
				"http_response", "db_query");
		assertThat(events).anySatisfy((e) -> {
			assertThat(e.get("severity").asString()).isEqualTo("ERROR");
			assertThat(e.has("error")).isTrue();
		});
		assertThat(events).anySatisfy(
				(e) -> assertThat(e.get("function_name").asString()).isEqualTo("StockAuditJob.audit"));
		assertThat(events).anySatisfy(
				(e) -> assertThat(e.get("function_name").asString()).isEqualTo("ItemRepository.findById"));
		JsonNode serverPost = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("http_request")
					&& e.get("attributes").get("span.kind").asString().equals("server")
					&& e.get("attributes").get("http.method").asString().equals("POST"))
			.findFirst()
			.orElseThrow();
		JsonNode clientPost = events.stream()
			.filter((e) -> e.get("span_id").asString().equals(serverPost.get("parent_span_id").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(clientPost.get("attributes").get("span.kind").asString()).isEqualTo("client");
		assertThat(clientPost.get("trace_id")).isEqualTo(serverPost.get("trace_id"));
		assertThat(events).filteredOn((e) -> e.get("event_type").asString().equals("db_query"))
			.allSatisfy((e) -> assertThat(e.get("attributes").get("db.statement").asString()).doesNotContain("ada@example.com"));
		String endpoint = RestClient.create("http://127.0.0.1:" + this.port + "/actuator/telemetry")
			.get()
			.retrieve()
			.body(String.class);
		assertThat(endpoint).contains("\"writer\"", "\"dropped\":0");
		assertThat(events).allSatisfy((e) -> {
			assertThat(e.get("service").get("name").asString()).isEqualTo("demo-orders");
			assertThat(e.get("cloud").get("provider").asString()).isEqualTo("local");
		});
	}

}
