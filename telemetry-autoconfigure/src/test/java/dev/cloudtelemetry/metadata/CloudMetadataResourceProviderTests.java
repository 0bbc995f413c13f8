package dev.cloudtelemetry.metadata;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.cloudtelemetry.metadata.aws.AwsKubernetes;
import dev.cloudtelemetry.metadata.aws.AwsEnvironmentProbe;
import dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe;
import dev.cloudtelemetry.metadata.aws.EcsMetadataProbe;
import dev.cloudtelemetry.metadata.aws.LambdaProbe;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudMetadataResourceProviderTests {

	private static final List<ManagedKubernetes> MANAGED_KUBERNETES = List.of(AwsKubernetes.EKS,
			GcpMetadataProbe.GKE, AzureMetadataProbe.AKS);

	// generous: these tests are about what is read, not about time
	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataHttpClient fast = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataDiagnostics diagnostics = new MetadataDiagnostics();

	private CloudMetadataResourceProvider provider(Map<String, String> env, String aws, String gcp, String azure,
			ClusterMetadataReader cluster) {
		return provider(this.http, Duration.ofSeconds(5), env, aws, gcp, azure, cluster);
	}

	private CloudMetadataResourceProvider provider(MetadataHttpClient http, Duration deadline, Map<String, String> env,
			String aws, String gcp, String azure, ClusterMetadataReader cluster) {
		return new CloudMetadataResourceProvider(
				List.of(new LambdaProbe(env::get), new EcsMetadataProbe(http, env::get)),
				List.of(new Ec2MetadataProbe(http, aws), new GcpMetadataProbe(http, gcp, env::get),
						new AzureMetadataProbe(http, azure)),
				List.of(new AwsEnvironmentProbe(env::get)), cluster, null, deadline, Duration.ofSeconds(5),
				this.diagnostics, MANAGED_KUBERNETES);
	}

	@Test
	void offCloudResolutionYieldsLocalWithinTheBound() throws Exception {
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			String closed = FakeMetadataServer.closedPortUrl();
			ResourceProvider provider = provider(this.fast, Duration.ofMillis(300), Map.of(), closed, silent.url(),
					closed, null);
			ResourceResolver resolver = new ResourceResolver(List.of(), List.of(provider),
					TimeUnit.SECONDS.toNanos(2));
			long start = System.nanoTime();
			Resource resource = CompletableFuture.supplyAsync(resolver::get).get(2, TimeUnit.SECONDS);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(resource.cloud()).containsExactly(Map.entry("provider", "local"),
					Map.entry("metadata_source", "none"));
			assertThat(resolver.isComplete()).isTrue();
			// generous: the probes' own bound is 300 ms
			assertThat(millis).isLessThan(1000);
			assertThat(this.diagnostics.reports()).extracting(ProviderReport::name)
				.containsExactly("aws-lambda", "aws-ecs", "aws-ec2", "gcp", "azure", "aws-env");
			assertThat(this.diagnostics.reports()).allSatisfy((report) -> assertThat(report.applied()).isFalse());
			assertThat(this.diagnostics.reports()).filteredOn((report) -> report.name().equals("aws-ec2"))
				.singleElement()
				.satisfies((report) -> assertThat(report.error()).contains("connection refused"));
		}
	}

	@Test
	void ec2IsFoundWhileTheOtherProbesFail() {
		try (FakeMetadataServer imds = FakeClouds.imds(new FakeMetadataServer(), true)) {
			String closed = FakeMetadataServer.closedPortUrl();
			ResourceBuilder builder = new ResourceBuilder();
			builder.host().put("name", "laptop");
			provider(Map.of(), imds.url(), closed, closed, null).contribute(builder);
			Resource resource = builder.build();
			assertThat(resource.cloud()).as(this.diagnostics.reports().toString()).containsEntry("provider", "aws")
				.containsEntry("platform", "ec2")
				.containsEntry("metadata_source", "IMDSv2");
			assertThat(resource.host()).containsEntry("name", "ip-172-31-23-45.ec2.internal")
				.containsEntry("public_ip", "54.91.123.45");
			assertThat(this.diagnostics.reports()).filteredOn(ProviderReport::applied)
				.singleElement()
				.satisfies((report) -> assertThat(report.source()).isEqualTo("IMDSv2"));
		}
	}

	@Test
	void ecsFromTheEnvironmentWinsWithoutSpeculativeProbes() {
		try (FakeMetadataServer ecs = new FakeMetadataServer()) {
			String uri = FakeClouds.ecs(ecs, "fargate");
			String closed = FakeMetadataServer.closedPortUrl();
			ResourceBuilder builder = new ResourceBuilder();
			provider(Map.of("ECS_CONTAINER_METADATA_URI_V4", uri), closed, closed, closed, null).contribute(builder);
			assertThat(builder.cloud()).containsEntry("platform", "ecs").containsEntry("ecs.launch_type", "FARGATE");
			assertThat(this.diagnostics.reports()).extracting(ProviderReport::name)
				.containsExactly("aws-lambda", "aws-ecs");
		}
	}

	@Test
	void kubernetesOnAwsWithOnlyTheRegionVariableIsEks() {
		String closed = FakeMetadataServer.closedPortUrl();
		ResourceBuilder builder = new ResourceBuilder();
		builder.k8s().put("cluster.name", "prod-eks-cluster");
		builder.k8s().put("namespace.name", "user-services");
		builder.k8s().put("pod.name", "user-api-7b8c9d-abcde");
		provider(Map.of("AWS_REGION", "us-east-1"), closed, closed, closed, null).contribute(builder);
		assertThat(builder.cloud()).containsExactly(Map.entry("provider", "aws"), Map.entry("region", "us-east-1"),
				Map.entry("platform", "eks"), Map.entry("metadata_source", "env"));
	}

	@Test
	void kubernetesNodeProviderIdRevealsEksWhenNothingElseDoes() {
		String closed = FakeMetadataServer.closedPortUrl();
		ResourceBuilder builder = new ResourceBuilder();
		builder.k8s().put("namespace.name", "payments");
		builder.k8s().put("pod.name", "payment-api-7b8c9d-xyz123");
		ClusterMetadataReader reader = (namespace, pod) -> new ClusterMetadata(Map.of("pod.uid", "abc"),
				"aws:///us-west-2a/i-0123456789abcdef0",
				Map.of("topology.kubernetes.io/region", "us-west-2", "alpha.eksctl.io/cluster-name", "prod-eks"),
				List.of("namespaces"), List.of());
		provider(Map.of(), closed, closed, closed, reader).contribute(builder);
		assertThat(builder.cloud()).containsEntry("provider", "aws")
			.containsEntry("region", "us-west-2")
			.containsEntry("platform", "eks");
		assertThat(builder.k8s()).containsEntry("cluster.name", "prod-eks").containsEntry("pod.uid", "abc");
		assertThat(builder.k8s().keySet()).first().isEqualTo("cluster.name");
		assertThat(this.diagnostics.kubernetesDenied()).containsExactly("namespaces");
	}

	@Test
	void gkeClusterNameComesFromTheMetadataServer() {
		try (FakeMetadataServer gcp = FakeClouds.gcp(new FakeMetadataServer(), "prod-gke")) {
			String closed = FakeMetadataServer.closedPortUrl();
			ResourceBuilder builder = new ResourceBuilder();
			builder.k8s().put("namespace.name", "default");
			builder.k8s().put("pod.name", "web-1");
			provider(Map.of(), closed, gcp.url(), closed, null).contribute(builder);
			assertThat(builder.cloud()).as(this.diagnostics.reports().toString()).containsEntry("platform", "gke");
			assertThat(builder.k8s()).containsEntry("cluster.name", "prod-gke");
		}
	}

	@Test
	void aProbeThatThrowsAnythingNeverBreaksResolution() {
		CloudProbe hostile = new CloudProbe() {

			@Override
			public String name() {
				return "hostile";
			}

			@Override
			public CloudMetadata probe(Runnable detected) throws IOException {
				throw new IOException("boom");
			}

		};
		CloudMetadataResourceProvider provider = new CloudMetadataResourceProvider(List.of(hostile), List.of(hostile),
				List.of(), (namespace, pod) -> {
					throw new IllegalStateException("no API");
				}, null, Duration.ofMillis(300), Duration.ofSeconds(2), this.diagnostics, MANAGED_KUBERNETES);
		ResourceBuilder builder = new ResourceBuilder();
		builder.k8s().put("namespace.name", "default");
		builder.k8s().put("pod.name", "web-1");
		provider.contribute(builder);
		assertThat(builder.cloud()).containsEntry("provider", "local");
		assertThat(this.diagnostics.reports()).extracting(ProviderReport::error).contains("boom", "no API");
	}

	@Test
	void warmCacheAnswersAtOnceWithoutProbing() {
		MetadataSnapshot cached = new MetadataSnapshot(Map.of("provider", "gcp", "metadata_source", "GCE metadata"),
				Map.of("name", "instance-1"), Map.of());
		MetadataStore store = new MetadataStore() {

			@Override
			public MetadataSnapshot load() {
				return cached;
			}

			@Override
			public void save(MetadataSnapshot snapshot) {
				throw new AssertionError("not expected");
			}

		};
		CloudProbe mustNotRun = new CloudProbe() {

			@Override
			public String name() {
				return "aws-ec2";
			}

			@Override
			public CloudMetadata probe(Runnable detected) {
				throw new AssertionError("probed despite a warm cache");
			}

		};
		ResourceBuilder builder = new ResourceBuilder();
		new CloudMetadataResourceProvider(List.of(), List.of(mustNotRun), List.of(), null, store,
				Duration.ofMillis(300), Duration.ofSeconds(2), this.diagnostics, MANAGED_KUBERNETES)
			.contribute(builder);
		assertThat(builder.cloud()).containsEntry("provider", "gcp");
		assertThat(builder.host()).containsEntry("name", "instance-1");
		assertThat(this.diagnostics.reports()).singleElement().satisfies((report) -> {
			assertThat(report.cacheHit()).isTrue();
			assertThat(report.source()).isEqualTo("GCE metadata");
		});
	}

	@Test
	void coldCacheIsFilledWithTheResult() {
		java.util.concurrent.atomic.AtomicReference<MetadataSnapshot> saved = new java.util.concurrent.atomic.AtomicReference<>();
		MetadataStore store = new MetadataStore() {

			@Override
			public MetadataSnapshot load() {
				return null;
			}

			@Override
			public void save(MetadataSnapshot snapshot) {
				saved.set(snapshot);
			}

		};
		new CloudMetadataResourceProvider(List.of(), List.of(), List.of(new AwsEnvironmentProbe(Map.of("AWS_REGION", "us-east-1")::get)), null, store,
				Duration.ofMillis(300), Duration.ofSeconds(2), this.diagnostics, MANAGED_KUBERNETES)
			.contribute(new ResourceBuilder());
		assertThat(saved.get().cloud()).containsEntry("region", "us-east-1");
		assertThat(this.diagnostics.reports()).first().satisfies((report) -> {
			assertThat(report.name()).isEqualTo("cache");
			assertThat(report.cacheHit()).isFalse();
		});
	}

	@Test
	void aResultCutOffAtTheDeadlineIsNotCached() throws Exception {
		java.util.concurrent.atomic.AtomicReference<MetadataSnapshot> saved = new java.util.concurrent.atomic.AtomicReference<>();
		MetadataStore store = new MetadataStore() {

			@Override
			public MetadataSnapshot load() {
				return null;
			}

			@Override
			public void save(MetadataSnapshot snapshot) {
				saved.set(snapshot);
			}

		};
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			new CloudMetadataResourceProvider(List.of(), List.of(new GcpMetadataProbe(this.fast, silent.url(), (name) -> null)),
					List.of(), null, store, Duration.ofMillis(100), Duration.ofSeconds(2), this.diagnostics, MANAGED_KUBERNETES)
				.contribute(new ResourceBuilder());
		}
		assertThat(saved.get()).isNull();
		assertThat(this.diagnostics.reports()).filteredOn((report) -> report.name().equals("gcp"))
			.singleElement()
			.satisfies((report) -> assertThat(report.error()).isEqualTo("no answer within 100 ms"));
	}

}
