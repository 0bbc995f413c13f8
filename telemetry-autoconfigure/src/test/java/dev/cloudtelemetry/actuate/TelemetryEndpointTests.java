package dev.cloudtelemetry.actuate;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cloudtelemetry.actuate.TelemetryEndpoint.TelemetryDescriptor;
import dev.cloudtelemetry.metadata.ContainerSelection;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.ProviderReport;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryEndpointTests {

	static Resource eks() {
		ResourceBuilder builder = new ResourceBuilder();
		builder.cloud().clear();
		builder.cloud().put("provider", "aws");
		builder.cloud().put("region", "us-west-2");
		builder.cloud().put("account.id", "123456789012");
		builder.cloud().put("platform", "eks");
		builder.cloud().put("metadata_source", "IMDSv2");
		builder.host().put("name", "ip-10-0-45-123.ec2.internal");
		builder.host().put("ip", "10.0.45.123");
		builder.k8s().put("namespace.name", "payments");
		builder.k8s().put("pod_ip", "10.244.5.67");
		builder.k8s().put("pod_annotations", Map.of("kubectl.kubernetes.io/last-applied-configuration", "{...}"));
		return builder.build();
	}

	static MetadataDiagnostics diagnostics() {
		MetadataDiagnostics diagnostics = new MetadataDiagnostics();
		diagnostics.record(new ProviderReport("cache", false, null, Duration.ofMillis(1), false, null));
		diagnostics.record(new ProviderReport("aws-ec2", true, "IMDSv2", Duration.ofMillis(12), false, null));
		diagnostics.record(new ProviderReport("gcp", false, null, Duration.ofMillis(3), false,
				"unknown host metadata.google.internal"));
		diagnostics.record(new ProviderReport("kubernetes", true, "Kubernetes API", Duration.ofMillis(40), false,
				"RBAC denied: nodes"));
		diagnostics.kubernetesDenied(List.of("nodes"));
		diagnostics.kubernetesContainer(ContainerSelection.selected("payment-api", "only_non_sidecar"));
		return diagnostics;
	}

	private TelemetryEndpoint endpoint(Show show, Set<String> roles) {
		return new TelemetryEndpoint(TelemetryEndpointTests::eks, diagnostics(),
				() -> new WriterStats("stdout", true, false, 46, 42, 1, 0, 3, 3, 8192,
						new WriterStats.Losses(1, 0, 0, 0), null, List.of()), show, roles);
	}

	@Test
	void identifyingValuesAreMaskedByDefault() {
		TelemetryDescriptor descriptor = endpoint(Show.NEVER, Set.of()).telemetry(SecurityContext.NONE);
		assertThat((Map<String, Object>) descriptor.metadata().get("cloud")).containsEntry("region", "us-west-2")
			.containsEntry("platform", "eks")
			.containsEntry("account.id", "******");
		assertThat((Map<String, Object>) descriptor.metadata().get("host")).containsEntry("ip", "******")
			.containsEntry("name", "******");
		assertThat((Map<String, Object>) descriptor.metadata().get("k8s")).containsEntry("namespace.name", "payments")
			.containsEntry("pod_ip", "******")
			.containsEntry("pod_annotations", "******");
	}

	@Test
	void valuesAreShownWhenAlwaysAllowed() {
		TelemetryDescriptor descriptor = endpoint(Show.ALWAYS, Set.of()).telemetry(SecurityContext.NONE);
		assertThat((Map<String, Object>) descriptor.metadata().get("cloud")).containsEntry("account.id",
				"123456789012");
		assertThat((Map<String, Object>) descriptor.metadata().get("host")).containsEntry("ip", "10.0.45.123");
	}

	@Test
	void valuesAreShownToAuthorizedRolesOnly() {
		SecurityContext operator = securityContext("ops");
		SecurityContext viewer = securityContext("viewer");
		TelemetryEndpoint endpoint = endpoint(Show.WHEN_AUTHORIZED, Set.of("ops"));
		assertThat((Map<String, Object>) endpoint.telemetry(operator).metadata().get("cloud"))
			.containsEntry("account.id", "123456789012");
		assertThat((Map<String, Object>) endpoint.telemetry(viewer).metadata().get("cloud"))
			.containsEntry("account.id", "******");
		assertThat((Map<String, Object>) endpoint.telemetry(SecurityContext.NONE).metadata().get("cloud"))
			.containsEntry("account.id", "******");
	}

	@Test
	void reportsProvidersDeniedPartsAndWriter() {
		TelemetryDescriptor descriptor = endpoint(Show.NEVER, Set.of()).telemetry(SecurityContext.NONE);
		assertThat(descriptor.providers()).extracting(TelemetryEndpoint.ProviderDescriptor::name)
			.containsExactly("cache", "aws-ec2", "gcp", "kubernetes");
		assertThat(descriptor.providers().get(1)).satisfies((ec2) -> {
			assertThat(ec2.applied()).isTrue();
			assertThat(ec2.source()).isEqualTo("IMDSv2");
			assertThat(ec2.durationMillis()).isEqualTo(12);
			assertThat(ec2.cacheHit()).isFalse();
		});
		assertThat(descriptor.providers().get(2).error()).isEqualTo("unknown host metadata.google.internal");
		assertThat(descriptor.kubernetesDenied()).containsExactly("nodes");
		assertThat(descriptor.kubernetesContainer().name()).isEqualTo("payment-api");
		assertThat(descriptor.kubernetesContainer().selectedBy()).isEqualTo("only_non_sidecar");
		assertThat(descriptor.writer().output()).isEqualTo("stdout");
		assertThat(descriptor.writer().written()).isEqualTo(42);
		assertThat(descriptor.writer().dropped()).isEqualTo(1);
		assertThat(descriptor.writer().queueDepth()).isEqualTo(3);
	}

	@Test
	void worksWithoutMetadataOrWriter() {
		TelemetryDescriptor descriptor = new TelemetryEndpoint(null, null, null, Show.NEVER, Set.of())
			.telemetry(SecurityContext.NONE);
		assertThat(descriptor.metadata()).isEmpty();
		assertThat(descriptor.providers()).isEmpty();
		assertThat(descriptor.writer()).isNull();
	}

	private static SecurityContext securityContext(String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "user";
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

}
