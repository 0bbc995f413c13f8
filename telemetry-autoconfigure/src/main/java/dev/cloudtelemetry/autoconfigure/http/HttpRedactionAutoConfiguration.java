package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryRedactors;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;

/**
 * Contributes the URL redactor: URLs quoted in errors, messages and arguments lose their user-info and
 * sensitive query values, as {@code http.url} does. Active whether or not HTTP tracing is, since any error
 * may quote a URL.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@EnableConfigurationProperties(HttpTelemetryProperties.class)
public class HttpRedactionAutoConfiguration {

	@Bean
	@Order(TelemetryRedactors.URLS)
	@ConditionalOnMissingBean(name = "telemetryUrlRedactor", value = UrlRedactor.class)
	UrlRedactor telemetryUrlRedactor(HttpTelemetryProperties properties) {
		return new UrlRedactor(new UrlSanitizer(properties.getMaskedQueryParameters()));
	}

}
