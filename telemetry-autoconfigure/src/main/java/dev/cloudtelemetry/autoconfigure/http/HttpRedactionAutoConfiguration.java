package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryRedactors;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;

/**
 * Contributes the URL redactor: recorded URLs ({@code http.url}, {@code url.full}, {@code url.path}) and URLs
 * quoted in errors, messages and arguments lose their user-info and sensitive query and path parameter
 * values. Active whether or not HTTP tracing is, since any error may quote a URL. The HTTP tracers pass each
 * exchange's URL through the writer's chain of redactors once, so a bean of this name or type (a
 * {@link UrlRedactor} under any name) replaces the protection of recorded URLs too.
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
	 * The redactors the HTTP tracers pass each exchange's URL through, once: the writer's chain (every
	 * {@code TelemetryRedactor} bean in {@code @Order}), the built-in URL redactor alone when there is no
	 * chain (a context without the writer's configuration).
	 */
	static Redactors recordedUrls(ObjectProvider<Redactors> telemetryRedactors, HttpTelemetryProperties properties) {
		return telemetryRedactors.getIfAvailable(() -> Redactors
			.of(List.of(new UrlRedactor(new UrlSanitizer(properties.getMaskedQueryParameters())))));
	}

}
