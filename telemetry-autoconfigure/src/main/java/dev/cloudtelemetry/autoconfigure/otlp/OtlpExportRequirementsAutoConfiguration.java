package dev.cloudtelemetry.autoconfigure.otlp;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;

/**
 * {@code telemetry.export.otlp.enabled=true} where OTLP export cannot run fails start-up, naming the property
 * and what to add, instead of starting without export: when {@code io.opentelemetry:opentelemetry-exporter-otlp}
 * is missing, or when it is older than 1.59, the first release with the sender API
 * ({@code io.opentelemetry.sdk.common.export}) the exporter is built on. Spring Boot 3.5 manages OpenTelemetry
 * 1.49 and Spring Boot 4.0 manages 1.55, so their applications need a newer version set explicitly. Uses no
 * OpenTelemetry class itself.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty("telemetry.export.otlp.enabled")
@Conditional(OtlpExportRequirementsAutoConfiguration.ExporterMissingOrTooOld.class)
public class OtlpExportRequirementsAutoConfiguration {

	static final String SENDER_API = "io.opentelemetry.sdk.common.export.HttpSender";

	static final String EXPORTER = "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter";

	@Bean
	static InitializingBean telemetryOtlpExportRequirements(ResourceLoader resourceLoader) {
		return () -> {
			throw new InvalidTelemetryConfigurationException("telemetry.export.otlp.enabled", true,
					reason(exporterVersion(resourceLoader.getClassLoader())));
		};
	}

	static String reason(@Nullable String exporterVersion) {
		if (exporterVersion == null) {
			return "OTLP export needs io.opentelemetry:opentelemetry-exporter-otlp 1.59 or later on the class path "
					+ "(add it, and set its version explicitly on Spring Boot 3.5 and 4.0), or set "
					+ "telemetry.export.otlp.enabled=false";
		}
		return "OTLP export needs io.opentelemetry:opentelemetry-exporter-otlp 1.59 or later (its sender API); "
				+ "the class path has " + exporterVersion + ". Spring Boot 3.5 manages OpenTelemetry 1.49 and 4.0 "
				+ "manages 1.55: set the Maven property opentelemetry.version (Gradle: ext['opentelemetry.version']) "
				+ "to 1.59 or later, or import io.opentelemetry:opentelemetry-bom of that version";
	}

	/**
	 * @return the version of the exporter on the class path, "an unknown version" when its jar does not say,
	 * or {@code null} when it is absent
	 */
	static @Nullable String exporterVersion(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(EXPORTER, classLoader)) {
			return null;
		}
		try {
			String version = ClassUtils.forName(EXPORTER, classLoader).getPackage().getImplementationVersion();
			return (version != null) ? "version " + version : "an unknown version";
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "a version whose classes cannot be loaded (" + ex + ")";
		}
	}

	static final class ExporterMissingOrTooOld extends AnyNestedCondition {

		ExporterMissingOrTooOld() {
			super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingClass(EXPORTER)
		static final class ExporterMissing {

		}

		@ConditionalOnMissingClass(SENDER_API)
		static final class SenderApiMissing {

		}

	}

}
