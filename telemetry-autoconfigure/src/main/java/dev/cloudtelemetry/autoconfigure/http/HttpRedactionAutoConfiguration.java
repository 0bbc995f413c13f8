package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.beans.factory.ObjectProvider;
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
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Contributes the URL redactor: recorded URLs ({@code http.url}, {@code url.full}, {@code url.path}) and URLs
 * quoted in errors, messages and arguments lose their user-info and sensitive query and path parameter
 * values. Active whether or not HTTP tracing is, since any error may quote a URL. The HTTP tracers apply the
 * bean named {@code telemetryUrlRedactor} to each exchange's URL, so a bean of that name replaces the
 * protection of recorded URLs too.
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

	/**
	 * The redactor the HTTP tracers apply to each exchange's URL: the bean named {@code telemetryUrlRedactor},
	 * the built-in one when there is none (telemetry off for this configuration, a test's context).
	 */
	static TelemetryRedactor recordedUrls(ObjectProvider<TelemetryRedactor> telemetryUrlRedactor,
			HttpTelemetryProperties properties) {
		return telemetryUrlRedactor.getIfAvailable(() -> new UrlRedactor(new UrlSanitizer(properties.getMaskedQueryParameters())));
	}

}
