package dev.cloudtelemetry.autoconfigure.method;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.samples.telemetry.ClinicService;
import org.springframework.samples.telemetry.SampleClinicApplication;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose packages start with {@code org.springframework.} (as Spring's own samples do) gets
 * its Spring Data repositories traced, inherited CRUD methods included, nested under the calling service.
 */
class FrameworkPrefixedApplicationTracingTests {

	@TempDir
	Path tempDir;

	@Test
	void repositoriesOfAnApplicationUnderAFrameworkPrefixAreTracedAndNested() {
		Path output = this.tempDir.resolve("telemetry.jsonl");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleClinicApplication.class)
			.web(WebApplicationType.NONE)
			.properties("telemetry.output.path=" + output, "spring.datasource.url=jdbc:h2:mem:clinic",
					"spring.application.name=clinic", "telemetry.jdbc.enabled=false")
			.run()) {
			assertThat(context.getBean(ClinicService.class).registerAndFind("Franklin")).isEqualTo(1);
		}
		List<JsonNode> entries = TelemetrySchema.readValidated(output)
			.stream()
			.filter((event) -> "function_entry".equals(event.get("event_type").asString()))
			.toList();
		assertThat(entries).extracting((event) -> event.get("function_name").asString())
			.containsExactly("ClinicService.registerAndFind", "OwnerRepository.save", "OwnerRepository.findById",
					"OwnerRepository.findByLastName");
		Map<String, JsonNode> byName = entries.stream()
			.collect(Collectors.toMap((event) -> event.get("function_name").asString(), Function.identity()));
		String serviceSpan = byName.get("ClinicService.registerAndFind").get("span_id").asString();
		for (String repositoryCall : List.of("OwnerRepository.save", "OwnerRepository.findById",
				"OwnerRepository.findByLastName")) {
			JsonNode entry = byName.get(repositoryCall);
			assertThat(entry.get("parent_span_id").asString()).as(repositoryCall).isEqualTo(serviceSpan);
			assertThat(entry.get("attributes").get("code.namespace").asString())
				.isEqualTo("org.springframework.samples.telemetry.OwnerRepository");
		}
	}

}
