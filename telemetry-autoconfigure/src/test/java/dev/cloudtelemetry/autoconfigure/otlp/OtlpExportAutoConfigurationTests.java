package dev.cloudtelemetry.autoconfigure.otlp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.actuate.TelemetryEndpoint;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.actuate.TelemetryEndpointAutoConfiguration;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.DiscardingExporter;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.output.otlp.OtlpExportStats;
import dev.cloudtelemetry.output.RetentionGuard;
import dev.cloudtelemetry.output.otlp.DurableOtlpExporter;
import dev.cloudtelemetry.output.otlp.OtlpExporter;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class, OtlpExportAutoConfiguration.class,
				OtlpExportRequirementsAutoConfiguration.class, TelemetryEndpointAutoConfiguration.class))
		.withPropertyValues("telemetry.output.metadata-wait=0s");

	@Test
	void offUnlessEnabled() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OtlpExporter.class));
	}

	@Test
	void enabledAddsAnOtlpDestinationBesidesTheJsonlOutput() {
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(OtlpExporter.class);
			List<WriterStats.ExporterStats> exporters = context.getBean(AsyncEventWriter.class).stats().exporters();
			assertThat(exporters).extracting(WriterStats.ExporterStats::output)
				.containsExactly("stdout", "otlp http/protobuf http://localhost:4318/v1/traces");
		});
	}

	@Test
	void outputTypeNoneLeavesOtlpAsTheOnlyDestination() {
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.output.type=none")
			.run((context) -> assertThat(context.getBean(AsyncEventWriter.class).stats().exporters())
				.extracting(WriterStats.ExporterStats::output)
				.containsExactly("none", "otlp http/protobuf http://localhost:4318/v1/traces"));
		assertThat(new DiscardingExporter().describe()).isEqualTo("none");
	}

	@Test
	void withoutTheOtlpExporterOnTheClassPathTheApplicationStartsUnlessExportIsEnabled() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.exporter"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OtlpExporter.class)
				.hasSingleBean(AsyncEventWriter.class));
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.opentelemetry.exporter"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'telemetry.export.otlp.enabled'")
					.contains("needs io.opentelemetry:opentelemetry-exporter-otlp 1.59 or later on the class path");
			});
	}

	@Test
	void anExporterOlderThanTheSenderApiFailsStartUpSayingWhichVersionToSet() {
		// what Spring Boot 3.5 (OpenTelemetry 1.49) and 4.0 (1.55) bring: the exporter without
		// io.opentelemetry.sdk.common.export
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk.common.export"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'telemetry.export.otlp.enabled'")
					.contains("the class path has version 1.62.0")
					.contains("opentelemetry.version");
				assertThat(analysis.getAction()).contains("telemetry.export.otlp.enabled");
			});
	}

	@Test
	void aUserBeanReplacesTheExporter() {
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.output.type=none")
			.withBean("mine", OtlpExporter.class,
					() -> new OtlpExporter(OtlpExportAutoConfiguration.spanExporter(
							new OtlpConnection("grpc", "http://127.0.0.1:1", Map.of(), false), java.time.Duration.ofSeconds(1)),
							dev.cloudtelemetry.output.otlp.OtlpExportSettings.defaults("mine")))
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe()).isEqualTo("otlp mine"));
	}

	@Test
	void theActuatorEndpointShowsTheExportersState() {
		this.contextRunner.withPropertyValues("telemetry.export.otlp.enabled=true",
				"management.endpoints.web.exposure.include=telemetry").run((context) -> {
					List<Object> exports = context.getBean(TelemetryEndpoint.class)
						.telemetry(SecurityContext.NONE)
						.exports();
					assertThat(exports).singleElement().isInstanceOfSatisfying(OtlpExportStats.class, (stats) -> {
						assertThat(stats.endpoint()).isEqualTo("http/protobuf http://localhost:4318/v1/traces");
						assertThat(stats.running()).isTrue();
						assertThat(stats.dropped()).containsOnlyKeys("queue_full", "rejected", "shutdown", "unreadable");
					});
				});
	}

	@Test
	void credentialsInTheCollectorUrlAreNotShownAtTheEndpointNorInTheExportersName() {
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true",
					"telemetry.export.otlp.endpoint=http://team:s3cret-key@127.0.0.1:1/v1/traces?api_key=k3y-value&region=eu",
					"management.endpoints.web.exposure.include=telemetry")
			.run((context) -> {
				OtlpExporter exporter = context.getBean(OtlpExporter.class);
				assertThat(exporter.describe()).isEqualTo("otlp http/protobuf http://127.0.0.1:1/v1/traces?api_key=REDACTED&region=eu");
				List<Object> exports = context.getBean(TelemetryEndpoint.class).telemetry(SecurityContext.NONE).exports();
				assertThat(exports).singleElement().isInstanceOfSatisfying(OtlpExportStats.class,
						(stats) -> assertThat(stats.endpoint()).doesNotContain("s3cret-key", "k3y-value", "team"));
			});
	}

	@Test
	void openTelemetryEnvironmentVariablesConfigureWhatPropertiesLeaveOut() {
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true",
					"OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318/base/", "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
					"OTEL_EXPORTER_OTLP_HEADERS=api-key=s%3Dcret, x-team = orders")
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe())
				.isEqualTo("otlp http/protobuf http://collector:4318/base/v1/traces"));
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318",
					"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://traces:9999/custom", "OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
					"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf")
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe())
				.isEqualTo("otlp http/protobuf http://traces:9999/custom"));
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317",
					"OTEL_EXPORTER_OTLP_PROTOCOL=grpc")
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe())
				.isEqualTo("otlp grpc http://collector:4317"));
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.export.otlp.protocol=grpc",
					"OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318", "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf")
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe())
				.isEqualTo("otlp grpc http://collector:4318"));
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.export.otlp.endpoint=http://mine:4318",
					"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://theirs:4318/v1/traces")
			.run((context) -> assertThat(context.getBean(OtlpExporter.class).describe())
				.isEqualTo("otlp http/protobuf http://mine:4318/v1/traces"));
	}

	@Test
	void headersComeFromTheVariablesAndThePropertiesWinByName() {
		OtlpExportProperties properties = new OtlpExportProperties();
		properties.getHeaders().put("x-team", "payments");
		Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret%20value, x-team = orders",
				"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-signal=traces");
		OtlpConnection connection = OtlpConnection.resolve(properties, env::get);
		assertThat(connection.headers()).containsExactlyInAnyOrderEntriesOf(
				Map.of("api-key", "s=cret value", "x-team", "payments", "x-signal", "traces"));
		assertThat(connection.gzip()).isFalse();
		properties.setCompression("GZIP");
		assertThat(OtlpConnection.resolve(properties, env::get).gzip()).isTrue();
	}

	@Test
	void badValuesFailStartUpNamingThePropertyOrVariable() {
		Map.ofEntries(Map.entry("telemetry.export.otlp.protocol=http/json", "'telemetry.export.otlp.protocol'"),
				Map.entry("telemetry.export.otlp.endpoint=collector:4318", "'telemetry.export.otlp.endpoint'"),
				Map.entry("telemetry.export.otlp.compression=zstd", "'telemetry.export.otlp.compression'"),
				Map.entry("telemetry.export.otlp.max-batch-size=0", "'telemetry.export.otlp.max-batch-size'"),
				Map.entry("telemetry.export.otlp.queue-capacity=0", "'telemetry.export.otlp.queue-capacity'"),
				Map.entry("telemetry.export.otlp.timeout=0s", "'telemetry.export.otlp.timeout'"),
				Map.entry("telemetry.export.otlp.schedule-delay=-1s", "'telemetry.export.otlp.schedule-delay'"),
				Map.entry("OTEL_EXPORTER_OTLP_PROTOCOL=thrift", "'OTEL_EXPORTER_OTLP_PROTOCOL'"),
				Map.entry("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=not a url", "'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'"),
				Map.entry("telemetry.export.otlp.max-in-flight=0", "'telemetry.export.otlp.max-in-flight'"),
				Map.entry("telemetry.export.otlp.max-in-flight=17", "'telemetry.export.otlp.max-in-flight'"))
			.forEach((setting, named) -> this.contextRunner
				.withPropertyValues("telemetry.export.otlp.enabled=true", setting)
				.run((context) -> {
					assertThat(context).as(setting).hasFailed();
					FailureAnalysis analysis = analysis(context.getStartupFailure());
					assertThat(analysis).as(setting).isNotNull();
					assertThat(analysis.getDescription()).as(setting).contains(named);
					assertThat(analysis.getAction()).as(setting).contains("Update " + named);
				}));
	}

	@Test
	void durableModeWithoutTheFileOutputFailsStartUpNamingTheProperty() {
		for (String output : new String[] { "telemetry.output.type=stdout", "telemetry.output.type=none" }) {
			this.contextRunner
				.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.export.otlp.durable=true", output)
				.run((context) -> {
					assertThat(context).as(output).hasFailed();
					FailureAnalysis analysis = analysis(context.getStartupFailure());
					assertThat(analysis.getDescription()).as(output)
						.contains("'telemetry.export.otlp.durable'")
						.contains("telemetry.output.type=file");
					assertThat(analysis.getAction()).contains("Update 'telemetry.export.otlp.durable'");
				});
		}
	}

	@Test
	void durableModeShipsFromTheFileOutputAndGuardsItsRotation(@org.junit.jupiter.api.io.TempDir Path dir) {
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "telemetry.export.otlp.durable=true",
					"telemetry.output.path=" + dir.resolve("telemetry.jsonl"),
					"management.endpoints.web.exposure.include=telemetry")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(OtlpExporter.class);
				DurableOtlpExporter durable = context.getBean(DurableOtlpExporter.class);
				assertThat(context.getBean(RetentionGuard.class)).isSameAs(durable);
				assertThat(durable.checkpointFile()).isEqualTo(dir.resolve("telemetry.jsonl.otlp-checkpoint"));
				assertThat(context.getBean(AsyncEventWriter.class).stats().exporters())
					.extracting(WriterStats.ExporterStats::output)
					.containsExactly(dir.resolve("telemetry.jsonl").toString(),
							"otlp durable http/protobuf http://localhost:4318/v1/traces");
				assertThat(durable.stats().durable()).isNotNull();
			});
	}

	@Test
	void aMalformedHeaderListNeverEchoesItsSecret() {
		this.contextRunner
			.withPropertyValues("telemetry.export.otlp.enabled=true", "OTEL_EXPORTER_OTLP_HEADERS=Bearer s3cr3t-t0ken")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'OTEL_EXPORTER_OTLP_HEADERS'")
					.doesNotContain("s3cr3t-t0ken");
			});
	}

	/** What the failure analyzers registered in spring.factories make of a start-up failure. */
	static FailureAnalysis analysis(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
