package dev.cloudtelemetry.autoconfigure.http;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.instrument.http.HttpServerTracer;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServerTelemetryAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(TelemetryAutoConfiguration.class,
			HttpServerTelemetryAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("telemetry.metadata.enabled=false");

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("telemetry.metadata.enabled=false");

	@Test
	void servletApplicationGetsTheServletFilterOrderedEarly() {
		this.servlet.run((context) -> {
			assertThat(context).hasSingleBean(HttpServerTracer.class)
				.hasSingleBean(TracingServletFilter.class)
				.hasSingleBean(TracingServletFilter.RequestEnd.class)
				.doesNotHaveBean(TracingWebFilter.class)
				.doesNotHaveBean(TracingWebFilter.HandlingEnd.class);
			assertThat(context.getBean(TracingServletFilter.class).getOrder()).isLessThan(0);
		});
	}

	@Test
	void reactiveApplicationGetsTheWebFilter() {
		this.reactive.run((context) -> assertThat(context).hasSingleBean(TracingWebFilter.class)
			.hasSingleBean(TracingWebFilter.HandlingEnd.class)
			.doesNotHaveBean(TracingServletFilter.class)
			.doesNotHaveBean(TracingServletFilter.RequestEnd.class));
	}

	@Test
	void nonWebApplicationGetsNothing() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(HttpServerTracer.class));
	}

	@Test
	void disabledByProperty() {
		this.servlet.withPropertyValues("telemetry.http.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HttpServerTracer.class)
				.doesNotHaveBean(TracingServletFilter.class)
				.doesNotHaveBean(TracingServletFilter.RequestEnd.class));
		this.reactive.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracingWebFilter.class));
	}

	@Test
	void withoutServletApiThereIsNoServletFilter() {
		this.servlet.withClassLoader(new FilteredClassLoader(Filter.class))
			.run((context) -> assertThat(context).hasSingleBean(HttpServerTracer.class)
				.doesNotHaveBean(TracingServletFilter.class));
	}

	@Test
	void withoutWebFluxThereIsNoWebFilter() {
		this.reactive.withClassLoader(new FilteredClassLoader("org.springframework.web.server.WebFilter"))
			.run((context) -> assertThat(context).doesNotHaveBean(TracingWebFilter.class));
	}

	@Test
	void userFilterWins() {
		this.servlet.withUserConfiguration(UserFilterConfiguration.class)
			.run((context) -> assertThat(context.getBean(TracingServletFilter.class))
				.isSameAs(context.getBean(UserFilterConfiguration.class).filter));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		final TracingServletFilter filter = new TracingServletFilter(() -> null);

		@Bean
		TracingServletFilter userFilter() {
			return this.filter;
		}

	}

}
