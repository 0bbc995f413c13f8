package dev.cloudtelemetry.compat;

import java.nio.file.Path;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.servlet.CompatApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.output.otlp.OtlpExporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * OTLP export with the {@code opentelemetry-exporter-otlp} version the profile's Spring Boot manages: on Boot
 * 4.1 (OpenTelemetry 1.62) it runs; on Boot 3.5 (1.49) and 4.0 (1.55), older than the sender API the exporter
 * is built on (1.59), start-up fails naming the property and the version to set, instead of a class-loading
 * error.
 */
class OtlpExportCompatibilityTests {

	@TempDir
	Path tempDir;

	@Test
	void otlpExportRunsWithTheBootVersionsOpenTelemetryOrStartUpSaysWhichVersionToSet() {
		String boot = System.getProperty("compat.boot.version");
		String openTelemetry = OtlpHttpSpanExporter.class.getPackage().getImplementationVersion();
		boolean senderApi = ClassUtils.isPresent("io.opentelemetry.sdk.common.export.HttpSender", null);
		assertThat(senderApi).as("OpenTelemetry %s managed by Boot %s has the sender API", openTelemetry, boot)
			.isEqualTo(!boot.startsWith("3.") && !boot.startsWith("4.0."));
		SpringApplicationBuilder application = new SpringApplicationBuilder(CompatApplication.class)
			.web(WebApplicationType.NONE)
			.properties("telemetry.export.otlp.enabled=true", "telemetry.export.otlp.endpoint=http://127.0.0.1:9",
					"telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.output.metadata-wait=0s");
		if (senderApi) {
			try (ConfigurableApplicationContext context = application.run()) {
				assertThat(context.getBeansOfType(OtlpExporter.class)).hasSize(1);
			}
		}
		else {
			assertThatException().isThrownBy(application::run)
				.havingRootCause()
				.isInstanceOfSatisfying(InvalidTelemetryConfigurationException.class, (failure) -> {
					assertThat(failure.getProperty()).isEqualTo("telemetry.export.otlp.enabled");
					assertThat(failure.getReason()).contains("the class path has version " + openTelemetry)
						.contains("opentelemetry.version");
				});
		}
	}

}
