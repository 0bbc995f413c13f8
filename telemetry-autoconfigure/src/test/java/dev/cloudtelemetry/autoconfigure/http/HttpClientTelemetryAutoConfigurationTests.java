package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.http.HttpClientTracer;
import dev.cloudtelemetry.instrument.http.RecordedHeaders;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientTelemetryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TelemetryAutoConfiguration.class, HttpClientTelemetryAutoConfiguration.class))
		.withPropertyValues("telemetry.metadata.enabled=false");

	@Test
	void restTemplateBeanGetsTheInterceptorOnceEvenWhenPostProcessedTwice() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplate.class);
			context.getBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.postProcessAfterInitialization(restTemplate, "restTemplate");
			assertThat(tracing(restTemplate.getInterceptors())).isEqualTo(1);
		});
	}

	@Test
	void restClientBuilderGetsTheInterceptorOnceWhenCustomizedTwice() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			context.getBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.postProcessAfterInitialization(builder, "restClientBuilder");
			assertThat(tracing(interceptors(builder))).isEqualTo(1);
		});
	}

	@Test
	void restClientBeanIsRebuiltOnceAndThenLeftAlone() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			RestClient restClient = context.getBean(RestClient.class);
			assertThat(tracing(interceptors(restClient.mutate()))).isEqualTo(1);
			assertThat(context.getBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.postProcessAfterInitialization(restClient, "restClient")).isSameAs(restClient);
		});
	}

	@Test
	void restTemplateBuilderProductsTraceOnce() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
			RestTemplateBuilder again = (RestTemplateBuilder) context
				.getBean(RestTemplateBuilderBeanPostProcessor.class)
				.postProcessAfterInitialization(builder, "restTemplateBuilder");
			assertThat(tracing(builder.build().getInterceptors())).isEqualTo(1);
			assertThat(tracing(again.build().getInterceptors())).isEqualTo(1);
		});
	}

	@Test
	void webClientBuilderAndBeanGetTheFilterOnce() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			ExchangeFilterFunctionBeanPostProcessor postProcessor = context
				.getBean(ExchangeFilterFunctionBeanPostProcessor.class);
			WebClient.Builder builder = context.getBean(WebClient.Builder.class);
			postProcessor.postProcessAfterInitialization(builder, "webClientBuilder");
			assertThat(tracingFilters(builder)).isEqualTo(1);
			WebClient webClient = context.getBean(WebClient.class);
			assertThat(tracingFilters(webClient.mutate())).isEqualTo(1);
			assertThat(postProcessor.postProcessAfterInitialization(webClient, "webClient")).isSameAs(webClient);
		});
	}

	@Test
	void prototypeBuildersAreEachInstrumented() {
		this.runner.withUserConfiguration(ClientsConfiguration.class).run((context) -> {
			assertThat(context.getBean(RestClient.Builder.class)).isNotSameAs(context.getBean(RestClient.Builder.class));
			assertThat(tracing(interceptors(context.getBean(RestClient.Builder.class)))).isEqualTo(1);
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withUserConfiguration(ClientsConfiguration.class)
			.withPropertyValues("telemetry.http.client.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HttpClientTracer.class)
					.doesNotHaveBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
					.doesNotHaveBean(ExchangeFilterFunctionBeanPostProcessor.class);
				assertThat(tracing(context.getBean(RestTemplate.class).getInterceptors())).isZero();
			});
	}

	@Test
	void disabledWithTelemetry() {
		this.runner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HttpClientTracer.class)
				.doesNotHaveBean(ClientHttpRequestInterceptorBeanPostProcessor.class));
	}

	@Test
	void userTracerWins() {
		this.runner.withUserConfiguration(UserTracerConfiguration.class)
			.run((context) -> assertThat(context.getBean(HttpClientTracer.class))
				.isSameAs(context.getBean(UserTracerConfiguration.class).tracer));
	}

	@Test
	void httpInterfaceClientGroupsAreConfigured() {
		this.runner.run((context) -> assertThat(context)
			.hasSingleBean(TracingRestClientHttpServiceGroupConfigurer.class)
			.hasSingleBean(TracingWebClientHttpServiceGroupConfigurer.class));
	}

	@Test
	void withoutWebClientOnlyTheBlockingClientsAreInstrumented() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.hasSingleBean(TracingRestClientHttpServiceGroupConfigurer.class)
				.doesNotHaveBean(ExchangeFilterFunctionBeanPostProcessor.class));
	}

	@Test
	void withoutHttpServiceRegistryTheClientsAreStillInstrumented() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.client.support",
				"org.springframework.web.reactive.function.client.support"))
			.run((context) -> assertThat(context).hasSingleBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.hasSingleBean(ExchangeFilterFunctionBeanPostProcessor.class)
				.doesNotHaveBean(TracingRestClientHttpServiceGroupConfigurer.class)
				.doesNotHaveBean(TracingWebClientHttpServiceGroupConfigurer.class));
	}

	@Test
	void withoutBootsRestTemplateBuilderTheOtherClientsAreInstrumented() {
		this.runner.withClassLoader(new FilteredClassLoader(RestTemplateBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RestTemplateBuilderBeanPostProcessor.class)
				.hasSingleBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
				.hasSingleBean(ExchangeFilterFunctionBeanPostProcessor.class));
	}

	@Test
	void withoutSpringWebNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.http.client"))
			.run((context) -> assertThat(context).doesNotHaveBean(HttpClientTracer.class));
	}

	@Test
	void importsFileListsTheAutoConfigurations() throws IOException {
		String imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(imports.lines()).contains(HttpClientTelemetryAutoConfiguration.class.getName(),
				HttpServerTelemetryAutoConfiguration.class.getName());
	}

	private static long tracing(List<ClientHttpRequestInterceptor> interceptors) {
		return interceptors.stream().filter(TracingClientHttpRequestInterceptor.class::isInstance).count();
	}

	private static List<ClientHttpRequestInterceptor> interceptors(RestClient.Builder builder) {
		List<ClientHttpRequestInterceptor> copy = new ArrayList<>();
		builder.requestInterceptors(copy::addAll);
		return copy;
	}

	private static long tracingFilters(WebClient.Builder builder) {
		List<ExchangeFilterFunction> copy = new ArrayList<>();
		builder.filters(copy::addAll);
		return copy.stream().filter(TracingExchangeFilterFunction.class::isInstance).count();
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientsConfiguration {

		@Bean
		RestTemplate restTemplate() {
			return new RestTemplate();
		}

		@Bean
		@Scope("prototype")
		RestClient.Builder restClientBuilder() {
			return RestClient.builder();
		}

		@Bean
		RestClient restClient() {
			return RestClient.create();
		}

		@Bean
		RestTemplateBuilder restTemplateBuilder() {
			return new RestTemplateBuilder();
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

		@Bean
		WebClient webClient() {
			return WebClient.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTracerConfiguration {

		final HttpClientTracer tracer = new HttpClientTracer((event) -> {
		}, new SpanFactory(dev.cloudtelemetry.core.clock.NanoClock.system()), SemanticConventions.LEGACY,
				Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))), new RecordedHeaders(List.of()));

		@Bean
		HttpClientTracer userTracer() {
			return this.tracer;
		}

	}

}
