package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.sampling.SamplingAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad sampling and span budget values fail start-up through the failure analyzer, naming the property.
 */
class SamplingConfigurationFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TelemetryAutoConfiguration.class, SamplingAutoConfiguration.class));

	@TempDir
	Path tempDir;

	@Test
	void badSamplingValuesFailStartUpNamingTheProperty() {
		List.of("telemetry.sampling.rate=1.5", "telemetry.sampling.rate=-0.1", "telemetry.sampling.keep-slower-than=0s",
				"telemetry.sampling.max-traces-per-second=-1", "telemetry.sampling.buffer.max-spans-per-trace=0",
				"telemetry.sampling.buffer.max-size=-1B", "telemetry.methods.max-spans-per-trace=0")
			.forEach((setting) -> this.contextRunner
				.withPropertyValues(setting, "telemetry.output.path=" + this.tempDir.resolve("t.jsonl"))
				.run((context) -> {
					assertThat(context).as(setting).hasFailed();
					FailureAnalysis analysis = new InvalidTelemetryConfigurationFailureAnalyzer()
						.analyze(context.getStartupFailure());
					String property = setting.substring(0, setting.indexOf('='));
					assertThat(analysis).as(setting).isNotNull();
					assertThat(analysis.getDescription()).contains("'" + property + "'");
					assertThat(analysis.getAction()).contains(property);
				}));
	}

}
