package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.http.HttpServerTracer;
import dev.cloudtelemetry.instrument.http.RecordedHeaders;

/**
 * Traces incoming HTTP requests of servlet (Spring MVC) and reactive (WebFlux) applications with a filter
 * ordered early, continuing the caller's trace from {@code traceparent}.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.http.server.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
@EnableConfigurationProperties(HttpTelemetryProperties.class)
public class HttpServerTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HttpServerTracer.class)
	HttpServerTracer telemetryHttpServerTracer(EventSink eventSink, SpanFactory spanFactory,
			TelemetryProperties properties, HttpTelemetryProperties httpProperties,
			ObjectProvider<Redactors> telemetryRedactors) {
		return new HttpServerTracer(eventSink, spanFactory, properties.getSemconv(), properties.getMinimumSeverity(),
				httpProperties.getServer().getErrorStatusSeverity(),
				HttpRedactionAutoConfiguration.recordedUrls(telemetryRedactors, httpProperties),
				new RecordedHeaders(httpProperties.getRecordedHeaders()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter" })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(TracingServletFilter.class)
		TracingServletFilter telemetryServletFilter(ObjectProvider<HttpServerTracer> tracer,
				HttpTelemetryProperties httpProperties) {
			return new TracingServletFilter(SingletonSupplier.of(tracer::getObject),
					new ExcludedPaths(httpProperties.getServer().getExcludedPaths()));
		}

		/**
		 * Lets the span of a failed request end after the container's error page (Boot registers every
		 * {@code ServletRequestListener} bean with the server it starts).
		 */
		@Bean
		TracingServletFilter.RequestEnd telemetryServletRequestEnd() {
			return new TracingServletFilter.RequestEnd();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono" })
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean(TracingWebFilter.class)
		TracingWebFilter telemetryWebFilter(ObjectProvider<HttpServerTracer> tracer,
				HttpTelemetryProperties httpProperties) {
			return new TracingWebFilter(SingletonSupplier.of(tracer::getObject),
					new ExcludedPaths(httpProperties.getServer().getExcludedPaths()));
		}

		/**
		 * Lets the span of a failed exchange end after the exception handlers have answered (Spring applies
		 * every {@code HttpHandlerDecoratorFactory} bean to the handler it builds from the context).
		 */
		@Bean
		TracingWebFilter.HandlingEnd telemetryWebHandlingEnd() {
			return new TracingWebFilter.HandlingEnd();
		}

	}

}
