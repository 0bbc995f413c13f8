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
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties.OutputType;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.output.otlp.DurableOtlpExporter;
import dev.cloudtelemetry.output.otlp.OtlpExportSettings;
import dev.cloudtelemetry.output.otlp.OtlpExporter;
import dev.cloudtelemetry.output.otlp.RetryAfterHttpSender;
import dev.cloudtelemetry.output.otlp.RetryInfoGrpcSender;

/**
 * Sends every span to an OpenTelemetry Collector over OTLP, besides the JSONL output, when the application has
 * io.opentelemetry:opentelemetry-exporter-otlp and sets {@code telemetry.export.otlp.enabled=true}. The
 * exporter is one more {@link dev.cloudtelemetry.output.EventExporter} of the writer. Where the exporter is
 * missing or too old, {@link OtlpExportRequirementsAutoConfiguration} fails start-up instead.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnClass(name = { OtlpExportRequirementsAutoConfiguration.EXPORTER,
		"io.opentelemetry.exporter.internal.FailedExportException", OtlpExportRequirementsAutoConfiguration.SENDER_API })
@ConditionalOnBooleanProperty("telemetry.export.otlp.enabled")
@EnableConfigurationProperties({ OtlpExportProperties.class, TelemetryProperties.class })
public class OtlpExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(OtlpExporter.class)
	@ConditionalOnBooleanProperty(name = "telemetry.export.otlp.durable", havingValue = false, matchIfMissing = true)
	OtlpExporter telemetryOtlpExporter(OtlpExportProperties properties, TelemetryProperties telemetry,
			Environment environment) {
		OtlpConnection connection = OtlpConnection.resolve(properties, environment::getProperty);
		return new OtlpExporter(spanExporter(connection, properties.getTimeout()),
				settings(connection, properties, telemetry, environment));
	}

	/**
	 * Durable mode ships from the JSONL files; as the file output's
	 * {@link dev.cloudtelemetry.output.RetentionGuard} it keeps rotation from deleting files not shipped.
	 */
	@Bean
	@ConditionalOnMissingBean(DurableOtlpExporter.class)
	@ConditionalOnBooleanProperty("telemetry.export.otlp.durable")
	DurableOtlpExporter telemetryDurableOtlpExporter(OtlpExportProperties properties, TelemetryProperties telemetry,
			Environment environment) {
		TelemetryProperties.Output output = telemetry.getOutput();
		if (output.resolvedType() != OutputType.FILE || output.getPath() == null) {
			throw new InvalidTelemetryConfigurationException("telemetry.export.otlp.durable", true,
					"durable mode ships from the JSONL files: it needs telemetry.output.type=file and "
							+ "telemetry.output.path (the output is " + output.resolvedType() + ")");
		}
		OtlpConnection connection = OtlpConnection.resolve(properties, environment::getProperty);
		return new DurableOtlpExporter(spanExporter(connection, properties.getTimeout()),
				settings(connection, properties, telemetry, environment), output.getPath());
	}

	private static OtlpExportSettings settings(OtlpConnection connection, OtlpExportProperties properties,
			TelemetryProperties telemetry, Environment environment) {
		positive("telemetry.export.otlp.max-batch-size", properties.getMaxBatchSize());
		positive("telemetry.export.otlp.max-in-flight", properties.getMaxInFlight());
		if (properties.getMaxInFlight() > 16) {
			// each request on its way holds a batch in memory: the bound keeps that memory small
			throw new InvalidTelemetryConfigurationException("telemetry.export.otlp.max-in-flight",
					properties.getMaxInFlight(), "must be at most 16");
		}
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
		// the name shown in logs and at /actuator/telemetry: a collector's URL may carry credentials
		// (https://user:key@collector or ?api_key=...), which are for the requests only
		String shown = connection.protocol() + " "
				+ new UrlSanitizer(UrlSanitizer.DEFAULT_MASKED_PARAMETERS).sanitize(connection.endpoint());
		OtlpExportSettings settings = new OtlpExportSettings(shown,
				properties.getQueueCapacity(), properties.getMaxBatchSize(), properties.getScheduleDelay(),
				properties.getTimeout(), initialBackoff, properties.getMaxBackoff(), 10_000,
				telemetry.getOutput().getShutdownTimeout(), (serviceName != null && !serviceName.isBlank()) ? serviceName : null,
				properties.getMaxInFlight());
		return settings;
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
			if (ClassUtils.isPresent("okhttp3.OkHttpClient", OtlpExportAutoConfiguration.class.getClassLoader())) {
				// TCP_NODELAY and the collector's RetryInfo; without OkHttp, the sender the application brings
				builder.setComponentLoader(RetryInfoGrpcSender.loader());
			}
			connection.headers().forEach(builder::addHeader);
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(connection.endpoint())
			.setTimeout(timeout)
			.setCompression(compression)
			.setRetryPolicy(null)
			.setComponentLoader(RetryAfterHttpSender.loader());
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
