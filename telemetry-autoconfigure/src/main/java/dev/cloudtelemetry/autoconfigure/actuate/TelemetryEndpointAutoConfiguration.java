package dev.cloudtelemetry.autoconfigure.actuate;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.actuate.TelemetryEndpoint;
import dev.cloudtelemetry.actuate.TelemetryEndpointWebExtension;
import dev.cloudtelemetry.autoconfigure.metadata.MetadataAutoConfiguration;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.output.ExportStatusProvider;
import dev.cloudtelemetry.output.WriterStatsProvider;
import dev.cloudtelemetry.output.recent.TraceViews;
import dev.cloudtelemetry.resource.ResourceResolver;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.core.sampling.Sampling;

/**
 * The {@code telemetry} actuator endpoint, when the actuator is on the class path and the endpoint is
 * available (it is not exposed over the web unless {@code management.endpoints.web.exposure.include} names
 * it); with {@code telemetry.ui.enabled}, the trace view page at {@code /actuator/telemetry/view} as part of
 * it on the web.
 */
@AutoConfiguration(after = MetadataAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnTelemetryEnabled
public class TelemetryEndpointAutoConfiguration {

	// nested: the availability condition's own classes exist only with the actuator
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(TelemetryEndpoint.class)
	@EnableConfigurationProperties(TelemetryEndpointProperties.class)
	static class TelemetryEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(TelemetryEndpoint.class)
		TelemetryEndpoint telemetryEndpoint(ObjectProvider<ResourceResolver> resolver,
				ObjectProvider<MetadataDiagnostics> diagnostics, ObjectProvider<WriterStatsProvider> writer,
				TelemetryEndpointProperties properties, ObjectProvider<SanitizingFunction> sanitizingFunctions,
				ObjectProvider<TraceViews> traceViews, ObjectProvider<ExportStatusProvider> exports,
				ObjectProvider<Sampling> sampling, ObjectProvider<Redactors> redactors) {
			// the application's functions first, as Boot's endpoints do; then the redactors, so that a
			// secret in a metadata value (a pod annotation) is masked even where values are shown
			List<SanitizingFunction> functions = new ArrayList<>(sanitizingFunctions.orderedStream().toList());
			Redactors chain = redactors.getIfAvailable();
			if (chain != null && !chain.isEmpty()) {
				functions.add((data) -> (data.getValue() != null)
						? data.withValue(chain.redactValue(data.getKey(), data.getValue(), true)) : data);
			}
			return new TelemetryEndpoint(() -> {
				ResourceResolver current = resolver.getIfAvailable();
				return (current != null) ? current.current() : null;
			}, diagnostics.getIfAvailable(), () -> {
				WriterStatsProvider current = writer.getIfAvailable();
				return (current != null) ? current.stats() : null;
			}, properties.getShowValues(), properties.getRoles(), functions,
					traceViews::getIfAvailable,
					() -> exports.orderedStream().map(ExportStatusProvider::exportStatus).toList())
				.sampling(() -> {
					Sampling current = sampling.getIfAvailable();
					return (current != null) ? current.stats() : null;
				});
		}

		// the trace view page, as the endpoint's own web operations so that the actuator's rules cover it
		@Bean
		@ConditionalOnMissingBean(TelemetryEndpointWebExtension.class)
		@ConditionalOnBean(TelemetryEndpoint.class)
		@ConditionalOnBooleanProperty("telemetry.ui.enabled")
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		TelemetryEndpointWebExtension telemetryEndpointWebExtension(TelemetryEndpoint telemetryEndpoint) {
			return new TelemetryEndpointWebExtension(telemetryEndpoint);
		}

	}

}
