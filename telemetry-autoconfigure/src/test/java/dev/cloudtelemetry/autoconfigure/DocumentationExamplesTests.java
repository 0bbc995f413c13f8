package dev.cloudtelemetry.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example event in the README and in {@code docs/} is a valid telemetry.v2 line.
 */
class DocumentationExamplesTests {

	@Test
	void everyExampleEventInTheDocumentationIsValid() throws IOException {
		Path docs = TelemetrySchema.schemaPath().getParent();
		List<Path> files = new ArrayList<>();
		try (Stream<Path> paths = Files.list(docs)) {
			paths.filter((p) -> p.toString().endsWith(".md")).forEach(files::add);
		}
		files.add(docs.getParent().resolve("README.md"));
		int examples = 0;
		for (Path file : files) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.startsWith("{\"schema\":{\"format\":\"telemetry.v2\"")) {
					TelemetrySchema.validate(line);
					examples++;
				}
			}
		}
		assertThat(examples).as("example events found in the documentation").isGreaterThanOrEqualTo(3);
	}

}
