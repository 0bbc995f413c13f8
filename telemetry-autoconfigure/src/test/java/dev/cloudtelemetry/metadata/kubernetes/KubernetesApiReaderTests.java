package dev.cloudtelemetry.metadata.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.metadata.ClusterMetadata;
import dev.cloudtelemetry.metadata.CloudMetadataResourceProvider;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.ProviderReport;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.resource.ResourceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesApiReaderTests {

	@TempDir
	Path directory;

	private FakeKubernetesApi api;

	private Path serviceAccount;

	@BeforeEach
	void start() throws Exception {
		this.api = new FakeKubernetesApi();
		this.serviceAccount = this.api.serviceAccount(this.directory.resolve("serviceaccount"), FakeKubernetesApi.TOKEN);
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	private KubernetesApiReader reader(Path serviceAccount) {
		// the pod has a sidecar: this container is told apart by the id in its cgroup
		Path cgroup = this.directory.resolve("cgroup");
		try {
			java.nio.file.Files.writeString(cgroup, "0::/kubepods.slice/kubepods-burstable.slice/cri-containerd-"
					+ "abc123def4567890abc123def4567890abc123def4567890abc123def4567890.scope\n");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
				String.valueOf(this.api.port()));
		return new KubernetesApiReader(serviceAccount, env::get, Duration.ofMillis(500), Duration.ofSeconds(2),
				new ContainerIdReader(cgroup, this.directory.resolve("no-mountinfo")));
	}

	@Test
	void readsEverythingThePodMayRead() throws Exception {
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.denied()).isEmpty();
		assertThat(cluster.errors()).isEmpty();
		assertThat(cluster.fields()).containsEntry("pod.uid", "abc123-def456-ghi789-jkl012")
			.containsEntry("pod_labels",
					Map.of("app", "payment-api", "version", "v2.1.0", "tier", "backend", "component", "api-server",
							"pod-template-hash", "7b8c9d"))
			.containsEntry("pod_annotations",
					Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9090", "istio.io/rev", "default",
							"linkerd.io/inject", "enabled", "kubernetes.io/config.hash", "a1b2c3d4"))
			.containsEntry("replicaset_name", "payment-api-7b8c9d")
			.containsEntry("deployment_name", "payment-api")
			.containsEntry("container.name", "payment-api")
			.containsEntry("container.id", "abc123def4567890abc123def4567890abc123def4567890abc123def4567890")
			.containsEntry("service_account_name", "payment-api-sa")
			.containsEntry("service_account_uid", "sa-uid-123456")
			.containsEntry("cpu_request", "500m")
			.containsEntry("cpu_limit", "2")
			.containsEntry("memory_request", "1Gi")
			.containsEntry("memory_limit", "4Gi")
			.containsEntry("pod_phase", "Running")
			.containsEntry("pod_ip", "10.244.5.67")
			.containsEntry("host_ip", "10.0.45.123")
			.containsEntry("node.name", "ip-10-0-45-123.ec2.internal")
			.containsEntry("namespace_labels",
					Map.of("environment", "production", "team", "payments", "cost-center", "engineering",
							"kubernetes.io/metadata.name", "payments"))
			.containsEntry("services", List.of("payment-api", "payment-api-internal", "payment-metrics"));
		assertThat(cluster.nodeLabels()).containsEntry("node.kubernetes.io/instance-type",
				"m5.xlarge");
		assertThat(cluster.nodeProviderId()).isEqualTo("aws:///us-west-2a/i-0a1b2c3d4e5f67890");
	}

	@Test
	void jobPodsNameTheirJobAndCronJob() throws Exception {
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "report-29123456-x7k2p");
		assertThat(cluster.errors()).isEmpty();
		assertThat(cluster.fields()).containsEntry("job_name", "report-29123456")
			.containsEntry("cronjob_name", "report")
			.containsEntry("container.name", "report")
			.doesNotContainKeys("replicaset_name", "deployment_name");
	}

	@Test
	void whenRbacDeniesNodesAndNamespacesEverythingElseIsKept() throws Exception {
		this.api.deny("nodes").deny("namespaces");
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.denied()).containsExactly("namespaces", "nodes");
		assertThat(cluster.fields()).doesNotContainKeys("node_labels", "namespace_labels")
			.containsEntry("deployment_name", "payment-api")
			.containsKey("services");
	}

	@Test
	void whenReplicaSetsAreDeniedTheDeploymentComesFromTheTemplateHash() throws Exception {
		this.api.deny("replicasets");
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.denied()).containsExactly("replicasets");
		assertThat(cluster.fields()).containsEntry("deployment_name", "payment-api");
	}

	@Test
	void aWrongTokenIsReportedWithoutShowingIt() throws Exception {
		Path wrong = this.api.serviceAccount(this.directory.resolve("wrong"), "not-the-token");
		ClusterMetadata cluster = reader(wrong).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.fields()).isEmpty();
		assertThat(cluster.errors()).singleElement().asString().contains("401").doesNotContain("not-the-token");
	}

	@Test
	void garbageFromTheApiIsAnErrorNotACrash() throws Exception {
		this.api.garbage();
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.fields()).isEmpty();
		assertThat(cluster.errors()).hasSize(1);
	}

	@Test
	void aServerWithAnotherCaIsNotTrusted() throws Exception {
		try (FakeKubernetesApi other = new FakeKubernetesApi()) {
			Path foreign = other.serviceAccount(this.directory.resolve("foreign"), FakeKubernetesApi.TOKEN);
			ClusterMetadata cluster = reader(foreign).read("payments", "payment-api-7b8c9d-xyz123");
			assertThat(cluster.fields()).isEmpty();
			assertThat(cluster.errors()).singleElement().asString().startsWith("pods:");
		}
	}

	@Test
	void theTokenNeverReachesTheOutputOrTheDiagnostics() {
		this.api.deny("nodes");
		MetadataDiagnostics diagnostics = new MetadataDiagnostics();
		ResourceBuilder builder = new ResourceBuilder();
		builder.k8s().put("namespace.name", "payments");
		builder.k8s().put("pod.name", "payment-api-7b8c9d-xyz123");
		new CloudMetadataResourceProvider(List.of(), List.of(), List.of(), reader(this.serviceAccount), null,
				Duration.ofMillis(300), Duration.ofSeconds(2), diagnostics)
			.contribute(builder);
		assertThat(builder.k8s()).containsEntry("deployment_name", "payment-api");
		assertThat(builder.build().k8s().toString() + builder.cloud() + diagnostics.reports())
			.doesNotContain(FakeKubernetesApi.TOKEN);
		assertThat(diagnostics.kubernetesDenied()).containsExactly("nodes");
		assertThat(diagnostics.reports()).extracting(ProviderReport::error).containsExactly("RBAC denied: nodes");
	}

	@Test
	void oversizedOrSilentPartsAreBoundedAndTheRestIsKept() throws Exception {
		this.api.oversized("services").hang("nodes");
		Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
				String.valueOf(this.api.port()), "K8S_CONTAINER_NAME", "payment-api");
		ClusterMetadata cluster = new KubernetesApiReader(this.serviceAccount, env::get, Duration.ofMillis(500),
				Duration.ofMillis(700), new ContainerIdReader(this.directory.resolve("none"), this.directory.resolve("none")))
			.read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.fields()).containsEntry("deployment_name", "payment-api")
			.containsEntry("container.name", "payment-api")
			.containsKey("namespace_labels")
			.doesNotContainKeys("services", "node_labels");
		assertThat(cluster.errors()).hasSize(2)
			.anySatisfy((error) -> assertThat(error).startsWith("nodes:"))
			.anySatisfy((error) -> assertThat(error).startsWith("services:").contains("larger than 1024 KiB"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theDocumentedRbacGrantsExactlyWhatIsRead() throws Exception {
		reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		reader(this.serviceAccount).read("payments", "report-29123456-x7k2p");
		java.util.Set<String> granted = new java.util.HashSet<>();
		try (java.io.Reader yaml = java.nio.file.Files.newBufferedReader(Path.of("../docs/kubernetes-rbac.yaml"))) {
			for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(yaml)) {
				Map<String, Object> object = (Map<String, Object>) document;
				if (!List.of("Role", "ClusterRole").contains(object.get("kind"))) {
					continue;
				}
				for (Map<String, Object> rule : (List<Map<String, Object>>) object.get("rules")) {
					for (String group : (List<String>) rule.get("apiGroups")) {
						for (String resource : (List<String>) rule.get("resources")) {
							for (String verb : (List<String>) rule.get("verbs")) {
								granted.add(group + "/" + resource + ":" + verb);
							}
						}
					}
				}
			}
		}
		assertThat(granted).isEqualTo(this.api.accessed());
	}

}
