package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.http.HttpClientTracer;
import dev.cloudtelemetry.instrument.http.RecordedHeaders;

/**
 * Traces outgoing HTTP calls of {@code RestTemplate}, {@code RestClient} and {@code WebClient}: the beans,
 * and what Spring Boot's builders build. Bean post-processors add the instrumentation once, only where it
 * is not present yet: a {@code RestClient}'s request factory is wrapped (no interceptor, so Spring does not
 * buffer each request), a {@code RestTemplate} gets an interceptor. Types that exist only in some Spring Boot or Spring Framework versions (the
 * {@code RestTemplateBuilder} of Boot 3.5 and 4, the HTTP service groups of Framework 7) are named only in
 * nested configurations guarded by {@code @ConditionalOnClass(name = ...)}, so one jar serves Boot 3.5 to 4.1.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.http.client.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
@EnableConfigurationProperties(HttpTelemetryProperties.class)
public class HttpClientTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HttpClientTracer.class)
	HttpClientTracer telemetryHttpClientTracer(EventSink eventSink, SpanFactory spanFactory,
			TelemetryProperties properties, HttpTelemetryProperties httpProperties,
			ObjectProvider<Redactors> telemetryRedactors) {
		return new HttpClientTracer(eventSink, spanFactory, properties.getSemconv(), properties.getMinimumSeverity(),
				httpProperties.getClient().getErrorStatusSeverity(),
				HttpRedactionAutoConfiguration.recordedUrls(telemetryRedactors, httpProperties),
				new RecordedHeaders(httpProperties.getRecordedHeaders()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.client.RestClient")
	static class BlockingClientConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
		static ClientHttpRequestInterceptorBeanPostProcessor telemetryClientHttpRequestInterceptorBeanPostProcessor(
				ObjectProvider<HttpClientTracer> tracer) {
			SingletonSupplier<HttpClientTracer> tracers = SingletonSupplier.of(tracer::getObject);
			return new ClientHttpRequestInterceptorBeanPostProcessor(new TracingClientHttpRequestInterceptor(tracers),
					new RestClientInstrumentation(tracers));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer")
	static class RestClientHttpServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean(TracingRestClientHttpServiceGroupConfigurer.class)
		TracingRestClientHttpServiceGroupConfigurer telemetryRestClientHttpServiceGroupConfigurer(
				ObjectProvider<HttpClientTracer> tracer) {
			return new TracingRestClientHttpServiceGroupConfigurer(
					new RestClientInstrumentation(SingletonSupplier.of(tracer::getObject)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.RestTemplateBuilder")
	static class RestTemplateBuilderConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(RestTemplateBuilderBeanPostProcessor.class)
		static RestTemplateBuilderBeanPostProcessor telemetryRestTemplateBuilderBeanPostProcessor(
				ObjectProvider<HttpClientTracer> tracer) {
			return new RestTemplateBuilderBeanPostProcessor(
					new TracingClientHttpRequestInterceptor(SingletonSupplier.of(tracer::getObject)));
		}

	}

	// Spring Boot 3.5: the builder's package before Boot 4 moved it to spring-boot-restclient
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = Boot3RestTemplateBuilderBeanPostProcessor.BUILDER)
	static class Boot3RestTemplateBuilderConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(Boot3RestTemplateBuilderBeanPostProcessor.class)
		static Boot3RestTemplateBuilderBeanPostProcessor telemetryBoot3RestTemplateBuilderBeanPostProcessor(
				ObjectProvider<HttpClientTracer> tracer) {
			return new Boot3RestTemplateBuilderBeanPostProcessor(
					new TracingClientHttpRequestInterceptor(SingletonSupplier.of(tracer::getObject)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.web.reactive.function.client.WebClient",
			"reactor.core.publisher.Mono" })
	static class WebClientConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(ExchangeFilterFunctionBeanPostProcessor.class)
		static ExchangeFilterFunctionBeanPostProcessor telemetryExchangeFilterFunctionBeanPostProcessor(
				ObjectProvider<HttpClientTracer> tracer) {
			return new ExchangeFilterFunctionBeanPostProcessor(
					new TracingExchangeFilterFunction(SingletonSupplier.of(tracer::getObject)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = { "org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer",
					"reactor.core.publisher.Mono" })
	static class WebClientHttpServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean(TracingWebClientHttpServiceGroupConfigurer.class)
		TracingWebClientHttpServiceGroupConfigurer telemetryWebClientHttpServiceGroupConfigurer(
				ObjectProvider<HttpClientTracer> tracer) {
			return new TracingWebClientHttpServiceGroupConfigurer(
					new TracingExchangeFilterFunction(SingletonSupplier.of(tracer::getObject)));
		}

	}

}
