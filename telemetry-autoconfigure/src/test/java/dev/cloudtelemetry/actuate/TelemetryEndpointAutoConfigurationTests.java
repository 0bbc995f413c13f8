package dev.cloudtelemetry.actuate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cloudtelemetry.actuate.TelemetryEndpoint.TelemetryDescriptor;
import dev.cloudtelemetry.autoconfigure.actuate.TelemetryEndpointAutoConfiguration;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TelemetryEndpointAutoConfiguration.class))
		.withUserConfiguration(ResolvedMetadata.class);

	@Test
	void notAvailableUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TelemetryEndpoint.class));
	}

	@Test
	void exposedEndpointMasksValuesByDefault() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=telemetry").run((context) -> {
			assertThat(context).hasSingleBean(TelemetryEndpoint.class);
			context.getBean(ResourceResolver.class).get();
			TelemetryDescriptor descriptor = context.getBean(TelemetryEndpoint.class).telemetry(SecurityContext.NONE);
			assertThat((Map<String, Object>) descriptor.metadata().get("cloud")).containsEntry("account.id", "******")
				.containsEntry("provider", "aws");
			assertThat(descriptor.providers()).extracting(TelemetryEndpoint.ProviderDescriptor::name)
				.containsExactly("aws-ec2");
			assertThat(descriptor.kubernetesDenied()).containsExactly("nodes");
			assertThat(descriptor.writer()).isNull();
		});
	}

	@Test
	void shownValuesStillPassTheApplicationsSanitizingFunctions() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=telemetry",
					"telemetry.endpoint.show-values=always")
			.withBean(SanitizingFunction.class,
					() -> (data) -> data.getKey().equals("account.id") ? data.withValue("hidden-by-app") : data)
			.run((context) -> {
				context.getBean(ResourceResolver.class).get();
				TelemetryDescriptor descriptor = context.getBean(TelemetryEndpoint.class)
					.telemetry(SecurityContext.NONE);
				assertThat((Map<String, Object>) descriptor.metadata().get("cloud"))
					.containsEntry("account.id", "hidden-by-app")
					.containsEntry("provider", "aws");
			});
	}

	@Test
	void showValuesAlwaysShowsThem() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=telemetry",
					"telemetry.endpoint.show-values=always")
			.run((context) -> {
				context.getBean(ResourceResolver.class).get();
				TelemetryDescriptor descriptor = context.getBean(TelemetryEndpoint.class)
					.telemetry(SecurityContext.NONE);
				assertThat((Map<String, Object>) descriptor.metadata().get("cloud")).containsEntry("account.id",
						"123456789012");
			});
	}

	@Test
	void userEndpointWins() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=telemetry")
			.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context.getBean(TelemetryEndpoint.class))
				.isSameAs(context.getBean(UserEndpoint.class).endpoint));
	}

	@Test
	void withoutTheActuatorNothingIsRegistered() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=telemetry")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TelemetryEndpoint.class));
	}

	@Test
	void telemetryDisabledRegistersNothing() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=telemetry", "telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TelemetryEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ResolvedMetadata {

		@Bean
		ResourceResolver resourceResolver() {
			ResourceProvider eks = new ResourceProvider() {

				@Override
				public String name() {
					return "test";
				}

				@Override
				public void contribute(ResourceBuilder builder) {
					builder.cloud().clear();
					builder.cloud().putAll(TelemetryEndpointTests.eks().cloud());
				}

			};
			return new ResourceResolver(List.of(eks), List.of(), 1_000_000_000L);
		}

		@Bean
		MetadataDiagnostics metadataDiagnostics() {
			MetadataDiagnostics diagnostics = new MetadataDiagnostics();
			diagnostics.record(new dev.cloudtelemetry.metadata.ProviderReport("aws-ec2", true, "IMDSv2",
					java.time.Duration.ofMillis(5), false, null));
			diagnostics.kubernetesDenied(List.of("nodes"));
			return diagnostics;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		final TelemetryEndpoint endpoint = new TelemetryEndpoint(null, null, null, Show.NEVER, Set.of());

		@Bean
		TelemetryEndpoint myTelemetryEndpoint() {
			return this.endpoint;
		}

	}

}
