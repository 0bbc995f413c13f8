package dev.cloudtelemetry.autoconfigure.metadata;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.aws.AwsKubernetes;
import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.metadata.CloudMetadataResourceProvider;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.ClusterMetadataReader;
import dev.cloudtelemetry.metadata.Deferred;
import dev.cloudtelemetry.metadata.DeferredCloudProbe;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.MetadataStore;
import dev.cloudtelemetry.metadata.aws.AwsEnvironmentProbe;
import dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe;
import dev.cloudtelemetry.metadata.aws.ImdsDetection;
import dev.cloudtelemetry.metadata.aws.EcsMetadataProbe;
import dev.cloudtelemetry.metadata.aws.LambdaProbe;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.cache.FileMetadataStore;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.metadata.kubernetes.KubernetesResourceProvider;
import dev.cloudtelemetry.metadata.kubernetes.PodAnnotations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the metadata {@link dev.cloudtelemetry.resource.ResourceProvider}s: the local Kubernetes one
 * (files and environment) and the remote {@link CloudMetadataResourceProvider} that coordinates the cloud
 * probes, the cache and the Kubernetes API. Environment variables are read through Spring's
 * {@link Environment}, so they can be overridden like any property.
 */
@AutoConfiguration
@ConditionalOnTelemetryEnabled
@EnableConfigurationProperties(MetadataProperties.class)
public class MetadataAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MetadataDiagnostics.class)
	MetadataDiagnostics telemetryMetadataDiagnostics() {
		return new MetadataDiagnostics();
	}

	@Bean
	@ConditionalOnMissingBean(ContainerIdReader.class)
	ContainerIdReader telemetryContainerIdReader(MetadataProperties properties) {
		return new ContainerIdReader(properties.getContainer().getCgroupPath(),
				properties.getContainer().getMountinfoPath());
	}

	@Bean
	@Order(10)
	@ConditionalOnMissingBean(KubernetesResourceProvider.class)
	@ConditionalOnProperty(prefix = "telemetry.metadata.kubernetes", name = "enabled", matchIfMissing = true)
	KubernetesResourceProvider telemetryKubernetesResourceProvider(MetadataProperties properties,
			Environment environment, ContainerIdReader telemetryContainerIdReader) {
		MetadataProperties.Kubernetes kubernetes = properties.getKubernetes();
		return new KubernetesResourceProvider(kubernetes.getServiceAccountPath(), environment(environment),
				kubernetes.getClusterName(), telemetryContainerIdReader);
	}

	/**
	 * Environment variables as Spring sees them (a property of the same name overrides one); a value that
	 * cannot be resolved reads as absent rather than failing a provider.
	 */
	static UnaryOperator<String> environment(Environment environment) {
		return (name) -> {
			try {
				return environment.getProperty(name);
			}
			catch (RuntimeException ex) {
				return null;
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "telemetry.metadata", name = "enabled", matchIfMissing = true)
	static class CloudMetadataConfiguration {

		@Bean
		@ConditionalOnMissingBean(MetadataHttpClient.class)
		MetadataHttpClient telemetryMetadataHttpClient(MetadataProperties properties) {
			return new MetadataHttpClient(properties.getConnectTimeout(), properties.getReadTimeout(),
					(int) Math.min(Integer.MAX_VALUE, properties.getMaxResponseSize().toBytes()));
		}

		@Bean
		@Order(100)
		@ConditionalOnMissingBean(CloudMetadataResourceProvider.class)
		CloudMetadataResourceProvider telemetryCloudMetadataResourceProvider(MetadataProperties properties,
				Environment environment, ObjectProvider<CloudProbe> probes,
				ObjectProvider<ClusterMetadataReader> clusterReader, ObjectProvider<MetadataStore> store,
				MetadataDiagnostics telemetryMetadataDiagnostics) {
			List<CloudProbe> direct = new ArrayList<>();
			List<CloudProbe> parallel = new ArrayList<>();
			probes.orderedStream().forEach((probe) -> (probe.isSpeculative() ? parallel : direct).add(probe));
			List<CloudProbe> fallback = properties.getAws().isEnabled()
					? List.of(new AwsEnvironmentProbe(environment(environment))) : List.of();
			return new CloudMetadataResourceProvider(direct, parallel, fallback, clusterReader.getIfAvailable(),
					store.getIfAvailable(), properties.getTimeout(), properties.getCollectTimeout(),
					telemetryMetadataDiagnostics,
					List.of(AwsKubernetes.EKS, GcpMetadataProbe.GKE, AzureMetadataProbe.AKS));
		}

		@Bean
		@ConditionalOnMissingBean(MetadataStore.class)
		@ConditionalOnProperty(prefix = "telemetry.metadata.cache", name = "enabled", matchIfMissing = true)
		MetadataStore telemetryMetadataStore(MetadataProperties properties, Environment environment) {
			MetadataProperties.Cache cache = properties.getCache();
			Path path = (cache.getPath() != null) ? cache.getPath()
					: Path.of(System.getProperty("user.home"), ".telemetry_metadata.json");
			Path bootIdPath = cache.getBootIdPath();
			UnaryOperator<String> env = environment(environment);
			return new FileMetadataStore(path, cache.getTtl(), Clock.systemUTC(), () -> FileMetadataStore.hostName(env),
					() -> FileMetadataStore.readBootId(bootIdPath));
		}

		@Bean
		@Order(10)
		@ConditionalOnMissingBean(name = "telemetryLambdaProbe")
		@ConditionalOnProperty(prefix = "telemetry.metadata.aws", name = "enabled", matchIfMissing = true)
		LambdaProbe telemetryLambdaProbe(Environment environment) {
			return new LambdaProbe(environment(environment));
		}

		@Bean
		@Order(20)
		@ConditionalOnMissingBean(name = "telemetryEcsMetadataProbe")
		@ConditionalOnProperty(prefix = "telemetry.metadata.aws", name = "enabled", matchIfMissing = true)
		EcsMetadataProbe telemetryEcsMetadataProbe(MetadataHttpClient telemetryMetadataHttpClient,
				Environment environment) {
			return new EcsMetadataProbe(telemetryMetadataHttpClient, environment(environment));
		}

		@Bean
		@Order(200)
		@ConditionalOnMissingBean(name = "telemetryGcpMetadataProbe")
		@ConditionalOnProperty(prefix = "telemetry.metadata.gcp", name = "enabled", matchIfMissing = true)
		GcpMetadataProbe telemetryGcpMetadataProbe(MetadataHttpClient telemetryMetadataHttpClient,
				MetadataProperties properties, Environment environment) {
			return new GcpMetadataProbe(telemetryMetadataHttpClient, properties.getGcp().getEndpoint(),
					environment(environment));
		}

		@Bean
		@Order(300)
		@ConditionalOnMissingBean(name = "telemetryAzureMetadataProbe")
		@ConditionalOnProperty(prefix = "telemetry.metadata.azure", name = "enabled", matchIfMissing = true)
		AzureMetadataProbe telemetryAzureMetadataProbe(MetadataHttpClient telemetryMetadataHttpClient,
				MetadataProperties properties) {
			return new AzureMetadataProbe(telemetryMetadataHttpClient, properties.getAzure().getEndpoint());
		}

		@Configuration(proxyBeanMethods = false)
		@Conditional(MetadataLibraries.OnAwsImdsClient.class)
		@ConditionalOnProperty(prefix = "telemetry.metadata.aws", name = "enabled", matchIfMissing = true)
		static class Ec2Configuration {

			/**
			 * The EC2 probe, created when it first runs (on the metadata thread) and IMDS answered a token
			 * request: the AWS SDK it uses is loaded then, by the class loader of {@link MetadataLibraries#AWS}.
			 */
			@Bean
			@Order(100)
			@ConditionalOnMissingBean(name = "telemetryEc2MetadataProbe")
			DeferredCloudProbe telemetryEc2MetadataProbe(MetadataHttpClient telemetryMetadataHttpClient,
					MetadataProperties properties, Environment environment, ResourceLoader resourceLoader) {
				String endpoint = properties.getAws().getImdsEndpoint();
				if (endpoint == null || endpoint.isBlank()) {
					endpoint = environment(environment).apply("AWS_EC2_METADATA_SERVICE_ENDPOINT");
				}
				if (endpoint == null || endpoint.isBlank()) {
					endpoint = Ec2MetadataProbe.DEFAULT_ENDPOINT;
				}
				String imdsEndpoint = endpoint;
				ClassLoader classLoader = resourceLoader.getClassLoader();
				// off EC2 the token request fails and the AWS bundle is neither extracted nor loaded; on EC2 the
				// probe reads the instance with the token the detection obtained
				ImdsDetection detection = new ImdsDetection(telemetryMetadataHttpClient, URI.create(imdsEndpoint));
				return new DeferredCloudProbe(Ec2MetadataProbe.NAME, true, detection,
						() -> MetadataLibraries.AWS.create(classLoader, CloudProbe.class, MetadataLibraries.EC2_PROBE,
								new Class<?>[] { MetadataHttpClient.class, String.class, Callable.class },
								telemetryMetadataHttpClient, imdsEndpoint, detection));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@Conditional(MetadataLibraries.OnKubernetesClient.class)
		@ConditionalOnProperty(prefix = "telemetry.metadata.kubernetes", name = { "enabled", "api-enabled" },
				matchIfMissing = true)
		static class KubernetesApiConfiguration {

			/**
			 * The Kubernetes API reader, created when it first reads (only in a pod, on the metadata thread):
			 * the Kubernetes client is loaded then, by the class loader of {@link MetadataLibraries#KUBERNETES}.
			 */
			@Bean
			@ConditionalOnMissingBean(ClusterMetadataReader.class)
			ClusterMetadataReader telemetryKubernetesApiReader(MetadataProperties properties, Environment environment,
					ContainerIdReader telemetryContainerIdReader, ResourceLoader resourceLoader) {
				MetadataProperties.Kubernetes kubernetes = properties.getKubernetes();
				if (kubernetes.getAnnotations().getMaxValueLength() < 1) {
					throw new InvalidTelemetryConfigurationException(
							"telemetry.metadata.kubernetes.annotations.max-value-length",
							kubernetes.getAnnotations().getMaxValueLength(), "must be at least 1");
				}
				PodAnnotations annotations = new PodAnnotations(kubernetes.getAnnotations().getInclude(),
						kubernetes.getAnnotations().getMaxValueLength());
				ClassLoader classLoader = resourceLoader.getClassLoader();
				Deferred<ClusterMetadataReader> reader = new Deferred<>(() -> MetadataLibraries.KUBERNETES.create(
						classLoader, ClusterMetadataReader.class, MetadataLibraries.KUBERNETES_API_READER,
						new Class<?>[] { Path.class, UnaryOperator.class, Duration.class, Duration.class,
								ContainerIdReader.class, PodAnnotations.class },
						kubernetes.getServiceAccountPath(), environment(environment), properties.getConnectTimeout(),
						kubernetes.getTimeout(), telemetryContainerIdReader, annotations));
				return (namespace, podName) -> reader.get().read(namespace, podName);
			}

		}

	}

}
