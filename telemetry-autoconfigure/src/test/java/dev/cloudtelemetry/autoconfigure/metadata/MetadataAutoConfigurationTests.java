package dev.cloudtelemetry.autoconfigure.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudMetadataResourceProvider;
import dev.cloudtelemetry.metadata.ClusterMetadataReader;
import dev.cloudtelemetry.metadata.DeferredCloudProbe;
import dev.cloudtelemetry.metadata.FakeClouds;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.MetadataSnapshot;
import dev.cloudtelemetry.metadata.MetadataStore;
import dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe;
import dev.cloudtelemetry.metadata.aws.EcsMetadataProbe;
import dev.cloudtelemetry.metadata.aws.LambdaProbe;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.metadata.kubernetes.KubernetesResourceProvider;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetadataAutoConfiguration.class));

	/**
	 * Points every outside input at a closed local port or a temporary directory, and blanks the variables
	 * of the real machine that would steer detection, so that nothing but 127.0.0.1 is ever contacted.
	 */
	private ApplicationContextRunner isolated(String imds) {
		String closed = FakeMetadataServer.closedPortUrl();
		return this.runner.withPropertyValues("telemetry.metadata.aws.imds-endpoint=" + imds,
				"telemetry.metadata.gcp.endpoint=" + closed, "telemetry.metadata.azure.endpoint=" + closed,
				"telemetry.metadata.kubernetes.service-account-path=" + this.directory.resolve("serviceaccount"),
				"telemetry.metadata.container.cgroup-path=" + this.directory.resolve("cgroup"),
				"telemetry.metadata.container.mountinfo-path=" + this.directory.resolve("mountinfo"),
				"telemetry.metadata.cache.path=" + this.directory.resolve("cache.json"),
				"telemetry.metadata.cache.boot-id-path=" + this.directory.resolve("boot_id"),
				"ECS_CONTAINER_METADATA_URI_V4=", "AWS_LAMBDA_FUNCTION_NAME=", "AWS_REGION=", "AWS_DEFAULT_REGION=",
				"K_SERVICE=", "KUBERNETES_SERVICE_HOST=", "AWS_EC2_METADATA_SERVICE_ENDPOINT=", "HOSTNAME=test-host");
	}

	@Test
	void registersEveryProviderByDefault() {
		isolated(FakeMetadataServer.closedPortUrl()).run((context) -> {
			assertThat(context).hasSingleBean(MetadataDiagnostics.class)
				.hasSingleBean(KubernetesResourceProvider.class)
				.hasSingleBean(CloudMetadataResourceProvider.class)
				.hasBean("telemetryEc2MetadataProbe")
				.hasSingleBean(EcsMetadataProbe.class)
				.hasSingleBean(LambdaProbe.class)
				.hasSingleBean(GcpMetadataProbe.class)
				.hasSingleBean(AzureMetadataProbe.class)
				.hasSingleBean(MetadataStore.class)
				.hasSingleBean(ClusterMetadataReader.class);
			// created on first use, from the class path here (the starter's jar carries the SDK as a bundle)
			assertThat(context.getBean("telemetryEc2MetadataProbe", DeferredCloudProbe.class).target())
				.isInstanceOf(Ec2MetadataProbe.class);
			assertThat(context.getBeansOfType(ResourceProvider.class)).hasSize(2);
			assertThat(context.getBean(CloudMetadataResourceProvider.class).isRemote()).isTrue();
			assertThat(context.getBean(KubernetesResourceProvider.class).isRemote()).isFalse();
		});
	}

	@Test
	void onEc2TheProbeAsksImdsForOneTokenOnly() {
		AtomicInteger tokenRequests = new AtomicInteger();
		try (FakeMetadataServer imds = FakeClouds.imds(new FakeMetadataServer(), true, tokenRequests)) {
			// generous timeouts: this test is about how often IMDS is asked, not about time
			isolated(imds.url()).withPropertyValues("telemetry.metadata.connect-timeout=2s",
					"telemetry.metadata.read-timeout=2s").run((context) -> {
				List<String> detected = new ArrayList<>();
				CloudMetadata metadata = context.getBean("telemetryEc2MetadataProbe", DeferredCloudProbe.class)
					.probe(() -> detected.add("aws"));
				assertThat(metadata.cloud()).containsEntry("instance.id", "i-0b123456789abcdef");
				assertThat(metadata.host()).containsEntry("public_ip", "54.91.123.45");
				assertThat(detected).isNotEmpty();
				// the detection's token is the one the SDK's client reads the instance with
				assertThat(tokenRequests).hasValue(1);
			});
		}
	}

	@Test
	void anAnnotationValueLengthBelowOneFailsNamingTheProperty() {
		isolated(FakeMetadataServer.closedPortUrl())
			.withPropertyValues("telemetry.metadata.kubernetes.annotations.max-value-length=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException.class)
				.hasMessageContaining("telemetry.metadata.kubernetes.annotations.max-value-length"));
	}

	@Test
	void telemetryDisabledRegistersNothing() {
		this.runner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResourceProvider.class)
				.doesNotHaveBean(MetadataDiagnostics.class));
	}

	@Test
	void metadataDisabledTurnsEveryNetworkProbeOff() {
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("telemetry.metadata.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CloudMetadataResourceProvider.class)
				.doesNotHaveBean("telemetryEc2MetadataProbe")
				.doesNotHaveBean(GcpMetadataProbe.class)
				.doesNotHaveBean(AzureMetadataProbe.class)
				.doesNotHaveBean(ClusterMetadataReader.class)
				.hasSingleBean(KubernetesResourceProvider.class));
	}

	@Test
	void eachProviderCanBeTurnedOff() {
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("telemetry.metadata.aws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryEc2MetadataProbe")
				.doesNotHaveBean(EcsMetadataProbe.class)
				.doesNotHaveBean(LambdaProbe.class)
				.hasSingleBean(GcpMetadataProbe.class));
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("telemetry.metadata.gcp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GcpMetadataProbe.class)
				.hasBean("telemetryEc2MetadataProbe"));
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("telemetry.metadata.azure.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AzureMetadataProbe.class)
				.hasSingleBean(GcpMetadataProbe.class));
		isolated(FakeMetadataServer.closedPortUrl())
			.withPropertyValues("telemetry.metadata.kubernetes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesResourceProvider.class)
				.doesNotHaveBean(ClusterMetadataReader.class)
				.hasSingleBean(CloudMetadataResourceProvider.class));
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("telemetry.metadata.cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MetadataStore.class));
	}

	@Test
	void withoutClientJavaTheKubernetesApiIsSkipped() {
		isolated(FakeMetadataServer.closedPortUrl())
			.withClassLoader(new FilteredClassLoader("io.kubernetes.client"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClusterMetadataReader.class)
				.hasSingleBean(KubernetesResourceProvider.class)
				.hasSingleBean(CloudMetadataResourceProvider.class));
	}

	@Test
	void withoutTheAwsSdkEc2IsSkipped() {
		isolated(FakeMetadataServer.closedPortUrl())
			.withClassLoader(new FilteredClassLoader("software.amazon.awssdk"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("telemetryEc2MetadataProbe")
				.hasSingleBean(EcsMetadataProbe.class)
				.hasSingleBean(CloudMetadataResourceProvider.class));
	}

	@Test
	void userBeansWin() {
		isolated(FakeMetadataServer.closedPortUrl()).withUserConfiguration(UserStore.class).run((context) -> {
			assertThat(context).hasSingleBean(MetadataStore.class);
			assertThat(context.getBean(MetadataStore.class)).isSameAs(context.getBean(UserStore.class).store);
		});
	}

	@Test
	void offCloudTheWiredProviderYieldsLocalAndTheNextStartUsesTheCache() throws IOException {
		isolated(FakeMetadataServer.closedPortUrl()).run((context) -> {
			ResourceBuilder builder = new ResourceBuilder();
			context.getBean(CloudMetadataResourceProvider.class).contribute(builder);
			assertThat(builder.cloud()).containsOnlyKeys("provider", "metadata_source")
				.containsEntry("provider", "local");
			assertThat(this.directory.resolve("cache.json")).exists();
		});
		Files.writeString(this.directory.resolve("boot_id"), "boot-1");
		isolated(FakeMetadataServer.closedPortUrl()).run((context) -> context.getBean(CloudMetadataResourceProvider.class)
			.contribute(new ResourceBuilder()));
		isolated(FakeMetadataServer.closedPortUrl()).run((context) -> {
			ResourceBuilder builder = new ResourceBuilder();
			context.getBean(CloudMetadataResourceProvider.class).contribute(builder);
			assertThat(builder.cloud()).containsEntry("provider", "local");
			assertThat(context.getBean(MetadataDiagnostics.class).reports()).singleElement().satisfies((report) -> {
				assertThat(report.name()).isEqualTo("cache");
				assertThat(report.cacheHit()).isTrue();
			});
		});
	}

	@Test
	void imdsEndpointPropertyIsUsed() {
		try (FakeMetadataServer imds = FakeClouds.imds(new FakeMetadataServer(), true)) {
			isolated(imds.url())
				.withPropertyValues("telemetry.metadata.connect-timeout=2s", "telemetry.metadata.read-timeout=2s",
						"telemetry.metadata.timeout=5s", "telemetry.metadata.collect-timeout=5s").run((context) -> {
				ResourceBuilder builder = new ResourceBuilder();
				context.getBean(CloudMetadataResourceProvider.class).contribute(builder);
				assertThat(builder.cloud()).containsEntry("provider", "aws").containsEntry("platform", "ec2");
			});
		}
	}

	@Test
	void kubernetesPodIsDescribedFromItsServiceAccountDirectory() throws IOException {
		Path serviceAccount = Files.createDirectories(this.directory.resolve("serviceaccount"));
		Files.writeString(serviceAccount.resolve("namespace"), "payments");
		isolated(FakeMetadataServer.closedPortUrl()).withPropertyValues("K8S_CLUSTER_NAME=prod", "HOSTNAME=pod-1")
			.run((context) -> {
				ResourceBuilder builder = new ResourceBuilder();
				context.getBean(KubernetesResourceProvider.class).contribute(builder);
				assertThat(builder.k8s()).containsEntry("cluster.name", "prod")
					.containsEntry("namespace.name", "payments")
					.containsEntry("pod.name", "pod-1");
			});
	}

	@Test
	void importsFileListsTheAutoConfiguration() throws IOException {
		try (InputStream in = getClass().getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList())
				.contains(MetadataAutoConfiguration.class.getName());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		final MetadataStore store = new MetadataStore() {

			@Override
			public MetadataSnapshot load() {
				return null;
			}

			@Override
			public void save(MetadataSnapshot snapshot) {
			}

		};

		@Bean
		MetadataStore userMetadataStore() {
			return this.store;
		}

	}

}
