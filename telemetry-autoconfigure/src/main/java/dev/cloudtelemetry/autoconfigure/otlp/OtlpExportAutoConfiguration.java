package dev.cloudtelemetry.autoconfigure.otlp;

import java.time.Duration;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.output.otlp.OtlpExportSettings;
import dev.cloudtelemetry.output.otlp.OtlpExporter;

/**
 * Sends every span to an OpenTelemetry Collector over OTLP, besides the JSONL output, when the application has
 * io.opentelemetry:opentelemetry-exporter-otlp and sets {@code telemetry.export.otlp.enabled=true}. The
 * exporter is one more {@link dev.cloudtelemetry.output.EventExporter} of the writer.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnClass(name = { "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter",
		"io.opentelemetry.exporter.internal.FailedExportException" })
@ConditionalOnBooleanProperty("telemetry.export.otlp.enabled")
@EnableConfigurationProperties({ OtlpExportProperties.class, TelemetryProperties.class })
public class OtlpExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OtlpExporter telemetryOtlpExporter(OtlpExportProperties properties, TelemetryProperties telemetry,
			Environment environment) {
		OtlpConnection connection = OtlpConnection.resolve(properties, environment::getProperty);
		positive("telemetry.export.otlp.max-batch-size", properties.getMaxBatchSize());
		positive("telemetry.export.otlp.queue-capacity", properties.getQueueCapacity());
		positive("telemetry.export.otlp.timeout", properties.getTimeout());
		positive("telemetry.export.otlp.max-backoff", properties.getMaxBackoff());
		if (properties.getScheduleDelay().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.export.otlp.schedule-delay",
					properties.getScheduleDelay(), "must not be negative");
		}
		// OTEL_SERVICE_NAME names the service in OTLP unless telemetry.service.name (or SERVICE_NAME) does
		String serviceName = (telemetry.getService().getName() == null)
				? environment.getProperty("OTEL_SERVICE_NAME") : null;
		Duration initialBackoff = Duration.ofSeconds(1).compareTo(properties.getMaxBackoff()) < 0
				? Duration.ofSeconds(1) : properties.getMaxBackoff();
		OtlpExportSettings settings = new OtlpExportSettings(connection.protocol() + " " + connection.endpoint(),
				properties.getQueueCapacity(), properties.getMaxBatchSize(), properties.getScheduleDelay(),
				properties.getTimeout(), initialBackoff, properties.getMaxBackoff(), 10_000,
				telemetry.getOutput().getShutdownTimeout(), (serviceName != null && !serviceName.isBlank()) ? serviceName : null);
		return new OtlpExporter(spanExporter(connection, properties.getTimeout()), settings);
	}

	/** The official exporter, its own retries off: {@link OtlpExporter} retries with the queue in view. */
	static SpanExporter spanExporter(OtlpConnection connection, Duration timeout) {
		String compression = connection.gzip() ? "gzip" : "none";
		if (connection.protocol().equals(OtlpConnection.GRPC)) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
				.setEndpoint(connection.endpoint())
				.setTimeout(timeout)
				.setCompression(compression)
				.setRetryPolicy(null);
			connection.headers().forEach(builder::addHeader);
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(connection.endpoint())
			.setTimeout(timeout)
			.setCompression(compression)
			.setRetryPolicy(null);
		connection.headers().forEach(builder::addHeader);
		return builder.build();
	}

	private static void positive(String property, int value) {
		if (value < 1) {
			throw new InvalidTelemetryConfigurationException(property, value, "must be at least 1");
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidTelemetryConfigurationException(property, value, "must be longer than zero");
		}
	}

}
