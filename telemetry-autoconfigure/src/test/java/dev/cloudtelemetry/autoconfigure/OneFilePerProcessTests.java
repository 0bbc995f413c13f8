package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sample.shop.OrderController;
import sample.shop.ShopApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real applications and the output path: {@code ${PID}} in it gives each process its own file, and two
 * application contexts given the same file are each told so in the application's log, losing nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneFilePerProcessTests {

	@TempDir
	Path tempDir;

	private ConfigurableApplicationContext start(String path, String database) {
		return new SpringApplicationBuilder(ShopApplication.class).web(WebApplicationType.NONE)
			.properties("telemetry.output.path=" + path, "spring.datasource.url=jdbc:h2:mem:" + database,
					"spring.application.name=" + database, "telemetry.jdbc.enabled=false", "telemetry.metadata.enabled=false")
			.run();
	}

	@Test
	void thePidPlaceholderNamesOneFilePerProcess() {
		try (ConfigurableApplicationContext context = start(this.tempDir + "/telemetry-${PID}.jsonl", "pid")) {
			context.getBean(OrderController.class).create("book", 1);
		}
		Path file = this.tempDir.resolve("telemetry-" + ProcessHandle.current().pid() + ".jsonl");
		assertThat(file).exists();
		assertThat(TelemetrySchema.readValidated(file))
			.anySatisfy((event) -> assertThat(event.get("function_name").asString()).isEqualTo("OrderController.create"));
	}

	@Test
	void twoContextsGivenOneFileAreEachToldAndEveryEventIsWritten(CapturedOutput output) throws Exception {
		Path file = this.tempDir.resolve("telemetry.jsonl");
		try (ConfigurableApplicationContext first = start(file.toString(), "first");
				ConfigurableApplicationContext second = start(file.toString(), "second")) {
			for (int i = 0; i < 20; i++) {
				first.getBean(OrderController.class).create("first-" + i, 1);
				second.getBean(OrderController.class).create("second-" + i, 1);
				// each context's writer writes what it has before the other one writes again
				Thread.sleep(150);
			}
		}
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		List<String> services = events.stream()
			.filter((event) -> event.get("function_name").asString().equals("OrderController.create")
					&& event.get("event_type").asString().equals("function_entry"))
			.map((event) -> event.get("service").get("name").asString())
			.toList();
		assertThat(services).hasSize(40).containsOnly("first", "second").filteredOn("first"::equals).hasSize(20);
		assertThat(output.getAll()).contains("Telemetry file " + file + " is also written by another writer");
		List<Long> sequences = events.stream().map((event) -> event.get("sequence").asLong()).toList();
		assertThat(sequences).as("one sequence per process: every number once").doesNotHaveDuplicates();
	}

	@Test
	void aContextStartedAfterAnotherClosedFollowsOnFromItsLastSequenceNumber() {
		// what Spring Boot DevTools' restart does: the context closed, a new one started in the same JVM
		Path file = this.tempDir.resolve("telemetry.jsonl");
		for (String run : List.of("before", "after")) {
			try (ConfigurableApplicationContext context = start(file.toString(), run)) {
				context.getBean(OrderController.class).create(run, 1);
			}
		}
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		List<Long> sequences = events.stream().map((event) -> event.get("sequence").asLong()).toList();
		long first = sequences.get(0);
		assertThat(sequences).containsExactlyElementsOf(
				LongStream.range(first, first + events.size()).boxed().toList());
		assertThat(events).extracting((event) -> event.get("service").get("name").asString())
			.containsSubsequence("before", "after")
			.containsOnly("before", "after");
	}

}
