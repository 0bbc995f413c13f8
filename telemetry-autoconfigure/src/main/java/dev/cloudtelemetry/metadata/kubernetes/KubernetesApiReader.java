package dev.cloudtelemetry.metadata.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.ClusterMetadata;
import dev.cloudtelemetry.metadata.ClusterMetadataReader;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Reads the pod's own details from the Kubernetes API with the pod's service-account token, over HTTPS
 * verified with the service account's {@code ca.crt}. Every part is read on its own: when RBAC denies one
 * (403 on nodes or namespaces is common) the others are kept and the denied part is named. The token is
 * only handed to the client's authentication; it never appears in results, messages or logs.
 */
public final class KubernetesApiReader implements ClusterMetadataReader {

	private static final long MAX_BYTES = 1024 * 1024;

	private final Path serviceAccountPath;

	private final UnaryOperator<String> environment;

	private final Duration connectTimeout;

	private final Duration timeout;

	private final ContainerIdReader containerIds;

	/**
	 * @param serviceAccountPath the directory holding {@code token} and {@code ca.crt}
	 * @param environment the environment ({@code KUBERNETES_SERVICE_HOST}, {@code KUBERNETES_SERVICE_PORT},
	 * {@code K8S_CONTAINER_NAME})
	 * @param connectTimeout the connect timeout
	 * @param timeout the bound on each API call
	 * @param containerIds reads this container's id, to find this container among the pod's
	 */
	public KubernetesApiReader(Path serviceAccountPath, UnaryOperator<String> environment, Duration connectTimeout,
			Duration timeout, ContainerIdReader containerIds) {
		this.serviceAccountPath = serviceAccountPath;
		this.environment = environment;
		this.connectTimeout = connectTimeout;
		this.timeout = timeout;
		this.containerIds = containerIds;
	}

	@Override
	public ClusterMetadata read(String namespace, String podName) throws IOException {
		ApiClient client = client();
		CoreV1Api core = new CoreV1Api(client);
		Result result = new Result();
		V1Pod pod = result.part("pods", () -> core.readNamespacedPod(podName, namespace).execute());
		if (pod == null) {
			return result.build();
		}
		Map<String, String> podLabels = describePod(pod, result.fields);
		owners(client, namespace, pod.getMetadata(), podLabels, result);
		String serviceAccount = (pod.getSpec() != null) ? pod.getSpec().getServiceAccountName() : null;
		if (serviceAccount != null) {
			V1ServiceAccount account = result.part("serviceaccounts",
					() -> core.readNamespacedServiceAccount(serviceAccount, namespace).execute());
			if (account != null && account.getMetadata() != null) {
				result.put("service_account_uid", account.getMetadata().getUid());
			}
		}
		V1Namespace ns = result.part("namespaces", () -> core.readNamespace(namespace).execute());
		if (ns != null && ns.getMetadata() != null) {
			result.put("namespace_labels", sorted(ns.getMetadata().getLabels()));
		}
		String nodeName = (pod.getSpec() != null) ? pod.getSpec().getNodeName() : null;
		if (nodeName != null) {
			V1Node node = result.part("nodes", () -> core.readNode(nodeName).execute());
			if (node != null) {
				Map<String, String> labels = (node.getMetadata() != null) ? node.getMetadata().getLabels() : null;
				result.put("node_labels", sorted(labels));
				result.nodeLabels.putAll((labels != null) ? labels : Map.of());
				result.providerId = (node.getSpec() != null) ? node.getSpec().getProviderID() : null;
			}
		}
		List<V1Service> services = result.part("services",
				() -> core.listNamespacedService(namespace).execute().getItems());
		if (services != null) {
			result.put("services", matchingServices(services, podLabels));
		}
		return result.build();
	}

	private Map<String, String> describePod(V1Pod pod, Map<String, Object> fields) {
		V1ObjectMeta meta = (pod.getMetadata() != null) ? pod.getMetadata() : new V1ObjectMeta();
		Map<String, String> labels = (meta.getLabels() != null) ? meta.getLabels() : Map.of();
		put(fields, "pod.uid", meta.getUid());
		put(fields, "pod_labels", sorted(labels));
		put(fields, "pod_annotations", sorted(meta.getAnnotations()));
		if (pod.getSpec() != null) {
			put(fields, "service_account_name", pod.getSpec().getServiceAccountName());
			V1Container container = thisContainer(pod);
			if (container != null) {
				put(fields, "container.name", container.getName());
				put(fields, "container.id", containerId(pod, container.getName()));
				V1ResourceRequirements resources = container.getResources();
				if (resources != null) {
					put(fields, "cpu_request", quantity(resources.getRequests(), "cpu"));
					put(fields, "cpu_limit", quantity(resources.getLimits(), "cpu"));
					put(fields, "memory_request", quantity(resources.getRequests(), "memory"));
					put(fields, "memory_limit", quantity(resources.getLimits(), "memory"));
				}
			}
			put(fields, "node.name", pod.getSpec().getNodeName());
		}
		if (pod.getStatus() != null) {
			put(fields, "pod_phase", pod.getStatus().getPhase());
			put(fields, "pod_ip", pod.getStatus().getPodIP());
			put(fields, "host_ip", pod.getStatus().getHostIP());
		}
		return labels;
	}

	private V1Container thisContainer(V1Pod pod) {
		List<V1Container> containers = pod.getSpec().getContainers();
		if (containers == null || containers.isEmpty()) {
			return null;
		}
		String name = this.environment.apply("K8S_CONTAINER_NAME");
		if (name == null || name.isBlank()) {
			name = this.environment.apply("CONTAINER_NAME");
		}
		String id = this.containerIds.read();
		for (V1Container container : containers) {
			if (container.getName().equals(name)) {
				return container;
			}
		}
		if (id != null && pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
			for (V1ContainerStatus status : pod.getStatus().getContainerStatuses()) {
				if (status.getContainerID() != null && status.getContainerID().endsWith(id)) {
					for (V1Container container : containers) {
						if (container.getName().equals(status.getName())) {
							return container;
						}
					}
				}
			}
		}
		return (containers.size() == 1) ? containers.get(0) : null;
	}

	private static String containerId(V1Pod pod, String name) {
		if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
			return null;
		}
		for (V1ContainerStatus status : pod.getStatus().getContainerStatuses()) {
			String id = status.getContainerID();
			if (name.equals(status.getName()) && id != null) {
				// "containerd://<id>", "docker://<id>", "cri-o://<id>"
				return id.contains("://") ? id.substring(id.indexOf("://") + 3) : id;
			}
		}
		return null;
	}

	private void owners(ApiClient client, String namespace, V1ObjectMeta meta, Map<String, String> podLabels,
			Result result) {
		V1OwnerReference owner = controller(meta);
		if (owner == null) {
			return;
		}
		switch (owner.getKind()) {
			case "ReplicaSet" -> {
				result.put("replicaset_name", owner.getName());
				V1ReplicaSet replicaSet = result.part("replicasets",
						() -> new AppsV1Api(client).readNamespacedReplicaSet(owner.getName(), namespace).execute());
				V1OwnerReference deployment = (replicaSet != null) ? controller(replicaSet.getMetadata()) : null;
				if (deployment != null && "Deployment".equals(deployment.getKind())) {
					result.put("deployment_name", deployment.getName());
				}
				else if (replicaSet == null) {
					// the Deployment controller names its ReplicaSets <deployment>-<pod-template-hash>
					String hash = podLabels.get("pod-template-hash");
					if (hash != null && owner.getName().endsWith("-" + hash)) {
						result.put("deployment_name",
								owner.getName().substring(0, owner.getName().length() - hash.length() - 1));
					}
				}
			}
			case "StatefulSet" -> result.put("statefulset_name", owner.getName());
			case "DaemonSet" -> result.put("daemonset_name", owner.getName());
			case "Job" -> {
				result.put("job_name", owner.getName());
				V1Job job = result.part("jobs",
						() -> new BatchV1Api(client).readNamespacedJob(owner.getName(), namespace).execute());
				V1OwnerReference cronJob = (job != null) ? controller(job.getMetadata()) : null;
				if (cronJob != null && "CronJob".equals(cronJob.getKind())) {
					result.put("cronjob_name", cronJob.getName());
				}
			}
			default -> result.put("owner_kind", owner.getKind());
		}
	}

	private static V1OwnerReference controller(V1ObjectMeta meta) {
		if (meta == null || meta.getOwnerReferences() == null) {
			return null;
		}
		for (V1OwnerReference reference : meta.getOwnerReferences()) {
			if (Boolean.TRUE.equals(reference.getController()) && reference.getKind() != null) {
				return reference;
			}
		}
		return null;
	}

	private static List<String> matchingServices(List<V1Service> services, Map<String, String> podLabels) {
		List<String> names = new ArrayList<>();
		for (V1Service service : services) {
			Map<String, String> selector = (service.getSpec() != null) ? service.getSpec().getSelector() : null;
			if (selector != null && !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet())
					&& service.getMetadata() != null) {
				names.add(service.getMetadata().getName());
			}
		}
		names.sort(null);
		return names;
	}

	private ApiClient client() throws IOException {
		String host = this.environment.apply("KUBERNETES_SERVICE_HOST");
		if (host == null || host.isBlank()) {
			throw new PlainFailure("KUBERNETES_SERVICE_HOST is not set; the Kubernetes API is not reachable");
		}
		String port = this.environment.apply("KUBERNETES_SERVICE_PORT");
		port = (port != null && !port.isBlank()) ? port.trim() : "443";
		Path tokenFile = this.serviceAccountPath.resolve("token");
		Path caFile = this.serviceAccountPath.resolve("ca.crt");
		if (!Files.isReadable(tokenFile) || !Files.isReadable(caFile)) {
			throw new PlainFailure("no readable service-account token and ca.crt in " + this.serviceAccountPath
					+ " (automountServiceAccountToken: false?)");
		}
		String token = Files.readString(tokenFile).trim();
		byte[] ca = Files.readAllBytes(caFile);
		host = host.trim();
		String authority = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		// the generated ApiClient directly: client-java's ClientBuilder would bring kubeconfig, exec and
		// certificate-file support (bouncycastle, commons-*, protobuf) that the in-cluster path never uses
		ApiClient client = new ApiClient().setBasePath("https://" + authority + ":" + port);
		// trusts only the service account's CA, with host-name verification
		client.setVerifyingSsl(true);
		client.setSslCaCert(new ByteArrayInputStream(ca));
		client.setApiKeyPrefix("Bearer");
		client.setApiKey(token);
		OkHttpClient http = client.getHttpClient()
			.newBuilder()
			.proxy(Proxy.NO_PROXY)
			.connectTimeout(this.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.callTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.retryOnConnectionFailure(false)
			.addNetworkInterceptor(KubernetesApiReader::boundSize)
			.build();
		client.setHttpClient(http);
		return client;
	}

	private static Response boundSize(Interceptor.Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		if (response.body().source().request(MAX_BYTES + 1)) {
			response.close();
			throw new IOException("Kubernetes API response larger than " + (MAX_BYTES / 1024) + " KiB");
		}
		return response;
	}

	private static String quantity(Map<String, Quantity> quantities, String name) {
		Quantity quantity = (quantities != null) ? quantities.get(name) : null;
		return (quantity != null) ? quantity.toSuffixedString() : null;
	}

	private static Map<String, Object> sorted(Map<String, String> map) {
		return (map != null) ? new TreeMap<>(map) : new TreeMap<>();
	}

	private static void put(Map<String, Object> fields, String key, Object value) {
		if (value != null) {
			fields.put(key, value);
		}
	}

	@FunctionalInterface
	private interface ApiCall<T> {

		T call() throws ApiException;

	}

	private static final class Result {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private final Map<String, Object> nodeLabels = new LinkedHashMap<>();

		private final List<String> denied = new ArrayList<>();

		private final List<String> errors = new ArrayList<>();

		private String providerId;

		<T> T part(String name, ApiCall<T> call) {
			try {
				return call.call();
			}
			catch (ApiException ex) {
				if (ex.getCode() == 403) {
					this.denied.add(name);
				}
				else if (ex.getCode() == 0) {
					this.errors.add(name + ": " + dev.cloudtelemetry.metadata.Failures.describe(ex));
				}
				else {
					this.errors.add(name + ": HTTP " + ex.getCode() + ((ex.getCode() == 401)
							? " (the service-account token was not accepted)" : ""));
				}
				return null;
			}
			catch (RuntimeException ex) {
				this.errors.add(name + ": " + dev.cloudtelemetry.metadata.Failures.describe(ex));
				return null;
			}
		}

		void put(String key, Object value) {
			KubernetesApiReader.put(this.fields, key, value);
		}

		ClusterMetadata build() {
			return new ClusterMetadata(this.fields, this.providerId, this.nodeLabels, this.denied, this.errors);
		}

	}

}
