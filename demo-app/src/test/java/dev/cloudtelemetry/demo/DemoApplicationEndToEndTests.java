package dev.cloudtelemetry.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

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

	@Test
	void theStartupScenarioWritesValidTelemetryOfEveryKind() throws Exception {
		TelemetrySummary summary = this.scenario.summary().get(60, TimeUnit.SECONDS);
		Path output = summary.output();
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(events).hasSizeGreaterThanOrEqualTo(summary.events().size());
		assertThat(summary.countsByType()).containsKeys("function_entry", "function_exit");
		assertThat(events).anySatisfy((e) -> {
			assertThat(e.get("severity").asString()).isEqualTo("ERROR");
			assertThat(e.has("error")).isTrue();
		});
		assertThat(events).anySatisfy(
				(e) -> assertThat(e.get("function_name").asString()).isEqualTo("StockAuditJob.audit"));
		assertThat(events).anySatisfy(
				(e) -> assertThat(e.get("function_name").asString()).isEqualTo("ItemRepository.findById"));
		assertThat(events).allSatisfy((e) -> {
			assertThat(e.get("service").get("name").asString()).isEqualTo("demo-orders");
			assertThat(e.get("cloud").get("provider").asString()).isEqualTo("local");
		});
	}

}
