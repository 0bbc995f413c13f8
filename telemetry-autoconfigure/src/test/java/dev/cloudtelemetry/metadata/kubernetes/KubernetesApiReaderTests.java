package dev.cloudtelemetry.metadata.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.cloudtelemetry.metadata.aws.AwsKubernetes;
import dev.cloudtelemetry.metadata.ClusterMetadata;
import dev.cloudtelemetry.metadata.CloudMetadataResourceProvider;
import dev.cloudtelemetry.metadata.ContainerSelection;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.ProviderReport;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.resource.ResourceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.cloudtelemetry.metadata.kubernetes.JsonEdits.at;
import static dev.cloudtelemetry.metadata.kubernetes.JsonEdits.each;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class KubernetesApiReaderTests {

	static final String APP_ID = "abc123def4567890abc123def4567890abc123def4567890abc123def4567890";

	private static final String POD = "/api/v1/namespaces/payments/pods/payment-api-7b8c9d-xyz123";

	private static final String REPLICA_SET = "/apis/apps/v1/namespaces/payments/replicasets/payment-api-7b8c9d";

	private static final String NODE = "/api/v1/nodes/ip-10-0-45-123.ec2.internal";

	private static final String NAMESPACE = "/api/v1/namespaces/payments";

	private static final String SERVICES = "/api/v1/namespaces/payments/services";

	/** Generous: on a loaded machine a TLS handshake alone can take seconds. */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final String SANDBOX_ID = "5ad0b0c0".repeat(8);

	/** containerd: hostname, resolv.conf and hosts come from the sandbox and the kubelet, never this container. */
	private static final String CONTAINERD_SANDBOX_MOUNTS = "1020 1010 259:1 /var/lib/containerd/"
			+ "io.containerd.grpc.v1.cri/sandboxes/" + SANDBOX_ID + "/hostname /etc/hostname rw,relatime - ext4 "
			+ "/dev/nvme0n1p1 rw\n1021 1010 259:1 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/"
			+ SANDBOX_ID + "/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/nvme0n1p1 rw\n"
			+ "1022 1010 259:1 /var/lib/kubelet/pods/1f2e3d4c-aaaa-bbbb-cccc-111122223333/etc-hosts /etc/hosts "
			+ "rw,relatime - ext4 /dev/nvme0n1p1 rw\n";

	/** cri-dockerd: hostname and resolv.conf are the pause container's files. */
	private static final String DOCKER_SANDBOX_MOUNTS = "790 734 259:1 /var/lib/docker/containers/" + SANDBOX_ID
			+ "/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/nvme0n1p1 rw\n791 734 259:1 "
			+ "/var/lib/docker/containers/" + SANDBOX_ID + "/hostname /etc/hostname rw,relatime - ext4 "
			+ "/dev/nvme0n1p1 rw\n";

	private static final Map<String, Object> POD_LABELS = Map.of("app", "payment-api", "version", "v2.1.0", "tier",
			"backend", "component", "api-server", "pod-template-hash", "7b8c9d");

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
		return new KubernetesApiReader(serviceAccount, env::get, Duration.ofMillis(500), CALL_TIMEOUT,
				new ContainerIdReader(cgroup, this.directory.resolve("no-mountinfo")));
	}

	@Test
	void readsEverythingThePodMayRead() throws Exception {
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.denied()).isEmpty();
		assertThat(cluster.errors()).isEmpty();
		assertEverything(cluster);
		assertThat(cluster.fields()).containsEntry("pod_ip", "10.244.5.67")
			.containsEntry("pod_labels", POD_LABELS)
			.containsEntry("node_labels", Map.copyOf(cluster.nodeLabels()));
		assertThat(cluster.nodeProviderId()).isEqualTo("aws:///us-west-2a/i-0a1b2c3d4e5f67890");
		assertThat(cluster.container()).isEqualTo(ContainerSelection.selected("payment-api", "container_id"));
	}

	private static void assertEverything(ClusterMetadata cluster) {
		assertThat(cluster.fields()).containsEntry("pod.uid", "abc123-def456-ghi789-jkl012")
			.containsEntry("pod_annotations",
					Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9090", "istio.io/rev", "default",
							"linkerd.io/inject", "enabled", "kubernetes.io/config.hash", "a1b2c3d4"))
			.containsEntry("replicaset_name", "payment-api-7b8c9d")
			.containsEntry("deployment_name", "payment-api")
			.containsEntry("service_account_name", "payment-api-sa")
			.containsEntry("service_account_uid", "sa-uid-123456")
			.containsEntry("pod_phase", "Running")
			.containsEntry("host_ip", "10.0.45.123")
			.containsEntry("node.name", "ip-10-0-45-123.ec2.internal")
			.containsEntry("namespace_labels",
					Map.of("environment", "production", "team", "payments", "cost-center", "engineering",
							"kubernetes.io/metadata.name", "payments"))
			.containsEntry("services", List.of("payment-api", "payment-api-internal", "payment-metrics"));
		assertThat((Map<String, Object>) cluster.fields().get("pod_labels")).containsAllEntriesOf(POD_LABELS);
		assertPaymentApiContainer(cluster);
		assertThat(cluster.nodeLabels()).containsEntry("node.kubernetes.io/instance-type", "m5.xlarge")
			.containsEntry("topology.kubernetes.io/region", "us-west-2");
	}

	private static void assertPaymentApiContainer(ClusterMetadata cluster) {
		assertThat(cluster.fields()).containsEntry("container.name", "payment-api")
			.containsEntry("container.id", APP_ID)
			.containsEntry("cpu_request", "500m")
			.containsEntry("cpu_limit", "2")
			.containsEntry("memory_request", "1Gi")
			.containsEntry("memory_limit", "4Gi");
	}

	@Test
	void podAnnotationsLoseManifestsSecretsAndLength() throws Exception {
		edit(POD, (pod) -> {
			Map<String, Object> annotations = at(pod, "metadata", "annotations");
			annotations.put("kubectl.kubernetes.io/last-applied-configuration",
					"{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"Manifest5ecret\"}]}]}}");
			annotations.put("vault.hashicorp.com/agent-inject-token", "hvs.VaultT0ken");
			annotations.put("example.com/notes", "deploy with password=Annot4tionSecret please");
			annotations.put("example.com/long", "x".repeat(1000));
		});
		ClusterMetadata cluster = read(Map.of(), "0::/\n", "");
		@SuppressWarnings("unchecked")
		Map<String, Object> annotations = (Map<String, Object>) cluster.fields().get("pod_annotations");
		assertThat(annotations).doesNotContainKeys("kubectl.kubernetes.io/last-applied-configuration",
				"vault.hashicorp.com/agent-inject-token")
			.containsEntry("prometheus.io/scrape", "true")
			.containsEntry("example.com/notes", "deploy with password=****** please")
			.containsEntry("example.com/long", "x".repeat(256) + "...[744 chars cut]");
		assertThat(cluster.fields().toString()).doesNotContain("Manifest5ecret", "hvs.VaultT0ken", "Annot4tionSecret");
	}

	// Multi-container pods: which container is this application's

	@Test
	void withASidecarTheDefaultContainerAnnotationDecides() throws Exception {
		edit(POD, (pod) -> {
			Collections.reverse(each(pod, "spec", "containers"));
			at(pod, "metadata", "annotations").put("kubectl.kubernetes.io/default-container", "payment-api");
		});
		ClusterMetadata cluster = read(Map.of(), "0::/\n", CONTAINERD_SANDBOX_MOUNTS);
		assertThat(cluster.container())
			.isEqualTo(ContainerSelection.selected("payment-api", "default_container_annotation"));
		assertPaymentApiContainer(cluster);
	}

	@Test
	void withASidecarAndNoAnnotationTheOnlyNonSidecarDecides() throws Exception {
		edit(POD, (pod) -> {
			List<Map<String, Object>> containers = each(pod, "spec", "containers");
			containers.add(0, Map.of("name", "linkerd-proxy", "image", "cr.l5d.io/linkerd/proxy:edge-24.11.8",
					"resources", Map.of("requests", Map.of("cpu", "20m"))));
			// a native sidecar (restartPolicy Always) and a plain init container are never candidates
			at(pod, "spec").put("initContainers", List.of(
					Map.of("name", "mesh-agent", "image", "mesh/agent:1", "restartPolicy", "Always"),
					Map.of("name", "migrate-schema", "image", "payment-api-migrations:2.1.0")));
			at(pod, "status").put("initContainerStatuses", List.of(Map.of("name", "mesh-agent", "containerID",
					"containerd://" + "1".repeat(64), "ready", true, "restartCount", 0)));
		});
		// the id in mountinfo is the pause container's (cri-dockerd): it matches no container status
		ClusterMetadata cluster = read(Map.of(), "0::/\n", DOCKER_SANDBOX_MOUNTS);
		assertThat(cluster.container()).isEqualTo(ContainerSelection.selected("payment-api", "only_non_sidecar"));
		assertPaymentApiContainer(cluster);
	}

	@Test
	void theContainerIdMatchingAStatusDecidesBeforeTheAnnotation() throws Exception {
		edit(POD, (pod) -> {
			each(pod, "spec", "containers").add(1, Map.of("name", "report-worker", "image", "report-worker:1.0",
					"resources", Map.of("requests", Map.of("cpu", "1", "memory", "512Mi"))));
			each(pod, "status", "containerStatuses").add(Map.of("name", "report-worker", "containerID",
					"containerd://" + "0123456789abcdef".repeat(4), "ready", true, "restartCount", 0));
			at(pod, "metadata", "annotations").put("kubectl.kubernetes.io/default-container", "report-worker");
		});
		// containerd, cgroup v2 without a cgroup namespace: the cgroup names the container, mountinfo the sandbox
		ClusterMetadata cluster = read(Map.of(), "0::/kubepods.slice/kubepods-burstable.slice/"
				+ "kubepods-burstable-pod1f2e3d4c.slice/cri-containerd-" + APP_ID + ".scope\n",
				CONTAINERD_SANDBOX_MOUNTS);
		assertThat(cluster.container()).isEqualTo(ContainerSelection.selected("payment-api", "container_id"));
		assertPaymentApiContainer(cluster);
		// CRI-O, cgroup v2 with a cgroup namespace: mountinfo shows the sandbox's id first, this container's later
		edit(POD, (pod) -> each(pod, "status", "containerStatuses").forEach((status) -> status.put("containerID",
				status.get("containerID").toString().replace("containerd://", "cri-o://"))));
		String crio = "1200 1100 0:23 /containers/storage/overlay-containers/" + SANDBOX_ID
				+ "/userdata/hostname /etc/hostname rw,nosuid,nodev - tmpfs tmpfs rw\n"
				+ "1201 1100 0:23 /containers/storage/overlay-containers/" + SANDBOX_ID
				+ "/userdata/resolv.conf /etc/resolv.conf rw,nosuid,nodev - tmpfs tmpfs rw\n"
				+ "1202 1100 0:23 /containers/storage/overlay-containers/" + APP_ID
				+ "/userdata/.containerenv /run/.containerenv rw,nosuid,nodev - tmpfs tmpfs rw\n";
		cluster = read(Map.of(), "0::/\n", crio);
		assertThat(cluster.container()).isEqualTo(ContainerSelection.selected("payment-api", "container_id"));
		assertPaymentApiContainer(cluster);
	}

	@Test
	void theEnvironmentDecidesFirst() throws Exception {
		ClusterMetadata cluster = read(Map.of("CONTAINER_NAME", "istio-proxy"), "0::/\n", CONTAINERD_SANDBOX_MOUNTS);
		assertThat(cluster.container()).isEqualTo(ContainerSelection.selected("istio-proxy", "env"));
		assertThat(cluster.fields()).containsEntry("container.name", "istio-proxy")
			.containsEntry("container.id", "ffff0000".repeat(8))
			.containsEntry("cpu_request", "100m")
			.doesNotContainKey("cpu_limit");
	}

	@Test
	void whenNoRuleDecidesThereIsNoContainerAndTheReasonIsGiven() throws Exception {
		edit(POD, (pod) -> each(pod, "spec", "containers").add(Map.of("name", "report-worker", "image", "w:1")));
		ClusterMetadata cluster = read(Map.of(), "0::/\n", DOCKER_SANDBOX_MOUNTS);
		assertThat(cluster.container().selectedBy()).isNull();
		assertThat(cluster.container().reason())
			.isEqualTo("2 containers are not known sidecars (payment-api, report-worker); set K8S_CONTAINER_NAME "
					+ "from the downward API or the pod annotation kubectl.kubernetes.io/default-container");
		assertThat(cluster.fields()).doesNotContainKeys("container.name", "container.id", "cpu_request")
			.containsEntry("deployment_name", "payment-api");
	}

	private ClusterMetadata read(Map<String, String> environment, String cgroup, String mountinfo) throws Exception {
		Map<String, String> env = new HashMap<>(environment);
		env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
		env.put("KUBERNETES_SERVICE_PORT", String.valueOf(this.api.port()));
		Path cgroupFile = java.nio.file.Files.writeString(this.directory.resolve("cgroup-file"), cgroup);
		Path mountinfoFile = java.nio.file.Files.writeString(this.directory.resolve("mountinfo-file"), mountinfo);
		ClusterMetadata cluster = new KubernetesApiReader(this.serviceAccount, env::get, Duration.ofMillis(500),
				CALL_TIMEOUT, new ContainerIdReader(cgroupFile, mountinfoFile))
			.read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.errors()).isEmpty();
		return cluster;
	}

	// Kubernetes API version skew: objects from API servers of other versions, aggregated APIs and proxies

	@Test
	void objectsLackingFieldsTheModelsRequireCostOnlyThoseFields() throws Exception {
		edit(POD, (pod) -> {
			each(pod, "spec", "containers").forEach((container) -> container.remove("image"));
			each(pod, "status", "containerStatuses").forEach((status) -> {
				status.remove("image");
				status.remove("imageID");
				status.remove("ready");
				status.remove("restartCount");
			});
			at(pod, "metadata", "ownerReferences", "0").remove("uid");
			at(pod, "metadata", "ownerReferences", "0").remove("apiVersion");
			each(pod, "status", "conditions").forEach((condition) -> condition.remove("status"));
		});
		edit(REPLICA_SET, (replicaSet) -> {
			at(replicaSet, "spec").remove("selector");
			at(replicaSet, "spec", "template", "spec", "containers", "0").remove("image");
			at(replicaSet, "metadata", "ownerReferences", "0").remove("uid");
		});
		edit(NODE, (node) -> {
			at(node, "status", "nodeInfo").remove("kubeProxyVersion");
			at(node, "status", "nodeInfo").remove("bootID");
			each(node, "status", "addresses").forEach((address) -> address.remove("type"));
		});
		edit(NAMESPACE, (namespace) -> at(namespace, "status").put("conditions",
				List.of(Map.of("type", "NamespaceDeletionContentFailure"))));
		edit(SERVICES, (services) -> each(services, "items").forEach((service) -> {
			if (at(service, "spec").get("ports") != null) {
				each(service, "spec", "ports").forEach((port) -> port.remove("port"));
			}
		}));
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.errors()).isEmpty();
		assertEverything(cluster);
		assertThat(cluster.nodeProviderId()).isEqualTo("aws:///us-west-2a/i-0a1b2c3d4e5f67890");
	}

	@Test
	void fieldsUnknownToTheModelsAreIgnored() throws Exception {
		Map<String, Object> future = Map.of("enabled", true, "items", List.of(1, Map.of("nested", List.of())));
		edit(POD, (pod) -> {
			pod.put("futureTopLevel", future);
			at(pod, "metadata").put("futureMetadata", "x");
			at(pod, "spec").put("resourceClaims", List.of(Map.of("name", "gpu")));
			each(pod, "spec", "containers").forEach((container) -> {
				container.put("futureContainerField", future);
				container.put("restartPolicyRules", List.of(Map.of("action", "Restart")));
			});
			at(pod, "spec", "containers", "0", "resources").put("claims", List.of(Map.of("name", "gpu")));
			each(pod, "status", "containerStatuses").forEach((status) -> {
				status.put("stopSignal", "SIGTERM");
				status.put("allocatedResourcesStatus", List.of(future));
			});
			at(pod, "metadata", "ownerReferences", "0").put("futureReference", 1);
		});
		edit(REPLICA_SET, (replicaSet) -> at(replicaSet, "status").put("terminatingReplicas", 0));
		edit(NODE, (node) -> {
			at(node, "status").put("features", Map.of("supplementalGroupsPolicy", true));
			at(node, "status").put("runtimeHandlers", List.of(future));
		});
		edit(NAMESPACE, (namespace) -> namespace.put("futureNamespaceField", future));
		edit(SERVICES, (services) -> {
			services.put("futureListField", future);
			each(services, "items").forEach((service) -> at(service, "spec").put("trafficDistribution", "PreferClose"));
		});
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.errors()).isEmpty();
		assertEverything(cluster);
		assertThat(cluster.fields()).containsEntry("pod_labels", POD_LABELS).containsEntry("pod_ip", "10.244.5.67");
		assertThat(cluster.nodeProviderId()).isEqualTo("aws:///us-west-2a/i-0a1b2c3d4e5f67890");
	}

	@Test
	void aWrongTypedFieldCostsOnlyItself() throws Exception {
		edit(POD, (pod) -> {
			at(pod, "metadata", "labels").put("replicas", 3);
			at(pod, "spec").put("priority", "high");
			at(pod, "spec", "containers", "0").put("ports", "8080");
			at(pod, "spec", "containers", "1").put("resources", "small");
			at(pod, "status").put("podIP", 42);
			at(pod, "status").put("conditions", "Ready");
			at(pod, "status", "containerStatuses", "0").put("restartCount", "none");
		});
		edit(REPLICA_SET, (replicaSet) -> at(replicaSet, "spec").put("replicas", "three"));
		edit(NODE, (node) -> {
			at(node, "metadata", "labels").put("node.example.com/gpu", true);
			at(node, "status").put("capacity", "large");
		});
		edit(NAMESPACE, (namespace) -> namespace.put("status", "Active"));
		edit(SERVICES, (services) -> {
			List<Object> items = new ArrayList<>(each(services, "items"));
			items.add("not-a-service");
			items.add(42);
			services.put("items", items);
			at(services, "items", "0", "spec").put("ports", Map.of("port", 80));
			at(services, "items", "3", "spec").put("selector", "app=payment-worker");
		});
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "payment-api-7b8c9d-xyz123");
		assertThat(cluster.errors()).isEmpty();
		assertEverything(cluster);
		assertThat(cluster.fields()).containsEntry("pod_labels", POD_LABELS).doesNotContainKey("pod_ip");
		assertThat(cluster.nodeLabels()).doesNotContainKey("node.example.com/gpu");
	}

	@Test
	void aJobFromAnotherVersionStillNamesItsCronJob() throws Exception {
		edit("/apis/batch/v1/namespaces/payments/jobs/report-29123456", (job) -> {
			at(job, "spec").remove("template");
			at(job, "spec").put("successPolicy", Map.of("rules", List.of(Map.of("succeededCount", 1))));
			at(job, "spec").put("backoffLimit", "six");
			at(job, "metadata", "ownerReferences", "0").remove("uid");
		});
		edit("/api/v1/namespaces/payments/pods/report-29123456-x7k2p", (pod) -> {
			each(pod, "spec", "containers").forEach((container) -> container.remove("image"));
			at(pod, "spec").put("hostnameOverride", "report");
		});
		ClusterMetadata cluster = reader(this.serviceAccount).read("payments", "report-29123456-x7k2p");
		assertThat(cluster.errors()).isEmpty();
		assertThat(cluster.fields()).containsEntry("job_name", "report-29123456")
			.containsEntry("cronjob_name", "report")
			.containsEntry("container.name", "report");
	}

	private void edit(String path, Consumer<Map<String, Object>> edit) {
		this.api.answer(path, JsonEdits.edit(this.api.document(path), edit));
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
				Duration.ofMillis(300), Duration.ofSeconds(2), diagnostics,
				List.of(AwsKubernetes.EKS, GcpMetadataProbe.GKE, AzureMetadataProbe.AKS))
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
				Duration.ofSeconds(4), new ContainerIdReader(this.directory.resolve("none"), this.directory.resolve("none")))
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
