package dev.cloudtelemetry.autoconfigure.sampling;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SamplingSettings;
import dev.cloudtelemetry.core.sampling.SpanFilter;

/**
 * Which traces and spans are written: {@code telemetry.sampling.*}, the span budget of
 * {@code telemetry.methods.max-spans-per-trace} and the application's {@link SpanFilter} beans, in their
 * {@code @Order}.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@EnableConfigurationProperties({ SamplingProperties.class, TelemetryProperties.class })
public class SamplingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Sampling.class)
	Sampling telemetrySampling(SamplingProperties properties, TelemetryProperties telemetry,
			ObjectProvider<SpanFilter> filters) {
		return new Sampling(settings(properties, telemetry.getMethods()), filters.orderedStream().toList(),
				System::nanoTime);
	}

	/**
	 * Checks the properties and turns them into settings.
	 * @param properties {@code telemetry.sampling.*}
	 * @param methods {@code telemetry.methods.*}
	 * @return the settings
	 */
	static SamplingSettings settings(SamplingProperties properties, TelemetryProperties.Methods methods) {
		double rate = properties.getRate();
		if (!(rate >= 0.0 && rate <= 1.0)) {
			throw new InvalidTelemetryConfigurationException("telemetry.sampling.rate", rate,
					"must be between 0.0 and 1.0 (env alias SAMPLE_RATE)");
		}
		Duration slower = properties.getKeepSlowerThan();
		if (slower != null && (slower.isNegative() || slower.isZero())) {
			throw new InvalidTelemetryConfigurationException("telemetry.sampling.keep-slower-than", slower,
					"must be positive, such as 1s; leave it unset to turn it off");
		}
		double limit = properties.getMaxTracesPerSecond();
		if (!(limit >= 0.0) || Double.isInfinite(limit)) {
			throw new InvalidTelemetryConfigurationException("telemetry.sampling.max-traces-per-second", limit,
					"must be 0 (no limit) or more");
		}
		SamplingProperties.Buffer buffer = properties.getBuffer();
		if (buffer.getMaxSpansPerTrace() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.sampling.buffer.max-spans-per-trace",
					buffer.getMaxSpansPerTrace(), "must be at least 1");
		}
		if (buffer.getMaxSize().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.sampling.buffer.max-size",
					buffer.getMaxSize(), "must not be negative");
		}
		if (methods.getMaxSpansPerTrace() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.methods.max-spans-per-trace",
					methods.getMaxSpansPerTrace(), "must be at least 1");
		}
		return new SamplingSettings(rate, properties.isKeepErrors(), (slower != null) ? slower.toNanos() : 0,
				buffer.getMaxSpansPerTrace(), buffer.getMaxSize().toBytes(), limit,
				properties.isErrorsExemptFromLimit(), methods.getMaxSpansPerTrace());
	}

}
