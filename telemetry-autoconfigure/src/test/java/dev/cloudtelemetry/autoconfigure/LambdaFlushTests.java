package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.beans.TracedGreeter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.method.MethodTracingAutoConfiguration;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On AWS Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} in the environment) every call that is the root of its trace
 * has its events in the file when it returns, as Lambda may freeze the process right then; the property turns
 * it on or off anywhere.
 */
class LambdaFlushTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TelemetryAutoConfiguration.class,
				MethodTracingAutoConfiguration.class))
		.withBean(TracedGreeter.class);

	@TempDir
	Path tempDir;

	@Test
	void onLambdaEachRootsEventsAreInTheFileWhenItReturns() {
		Path file = this.tempDir.resolve("lambda.jsonl");
		everyCallIsWrittenWhenItReturns(file, "AWS_LAMBDA_FUNCTION_NAME=orders-function");
	}

	@Test
	void thePropertyTurnsItOnAnywhere() {
		Path file = this.tempDir.resolve("flushed.jsonl");
		everyCallIsWrittenWhenItReturns(file, "telemetry.output.flush-per-request=true");
	}

	private void everyCallIsWrittenWhenItReturns(Path file, String setting) {
		this.contextRunner
			.withPropertyValues("telemetry.output.path=" + file, "telemetry.output.metadata-wait=0s",
					"telemetry.metadata.enabled=false", setting)
			.run((context) -> {
				TracedGreeter greeter = context.getBean(TracedGreeter.class);
				for (int i = 1; i <= 50; i++) {
					greeter.greet("invocation " + i);
					// back to back, the writer would linger and write these up to 100 ms later
					assertThat(Files.readAllLines(file)).as("after call " + i).hasSize(2 * i);
				}
			});
		assertThat(TelemetrySchema.readValidated(file)).hasSize(100);
	}

}
