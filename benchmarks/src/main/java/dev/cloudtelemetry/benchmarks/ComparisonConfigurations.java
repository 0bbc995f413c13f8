package dev.cloudtelemetry.benchmarks;

import benchmarks.app.Greeter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import benchmarks.app.Greeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.aop.ObservedAspect;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.RootClassFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The instrumentations the starter is compared with, each added to the benchmark application with the
 * starter switched off.
 */
final class ComparisonConfigurations {

	private ComparisonConfigurations() {
	}

	/**
	 * A proxy whose only advice calls the method: what any Spring AOP instrumentation costs before it does
	 * anything (the method invocation object, the arguments array, the boxed result).
	 */
	@Configuration(proxyBeanMethods = false)
	static class NoOpProxyConfiguration {

		@Bean
		static Advisor noOpAdvisor() {
			return new DefaultPointcutAdvisor(new ComposablePointcut(new RootClassFilter(Greeter.class)),
					(MethodInterceptor) MethodInvocation::proceed);
		}

	}

	/**
	 * OpenTelemetry SDK spans: {@link BatchSpanProcessor} (its own export thread, like the starter's
	 * writer thread) into an exporter that does nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OpenTelemetryConfiguration {

		@Bean(destroyMethod = "close")
		SdkTracerProvider benchmarkTracerProvider() {
			return SdkTracerProvider.builder()
				.addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build())
				.build();
		}

		@Bean
		OpenTelemetrySpanAspect openTelemetrySpanAspect(SdkTracerProvider benchmarkTracerProvider) {
			return new OpenTelemetrySpanAspect(benchmarkTracerProvider.get("benchmarks"));
		}

	}

	/**
	 * Micrometer observations through {@link ObservedAspect}, handled by a
	 * {@link DefaultMeterObservationHandler} recording a timer into a {@link SimpleMeterRegistry}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MicrometerConfiguration {

		@Bean
		ObservationRegistry benchmarkObservationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			return registry;
		}

		@Bean
		ObservedAspect observedAspect(ObservationRegistry benchmarkObservationRegistry) {
			return new ObservedAspect(benchmarkObservationRegistry);
		}

	}

}
