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
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.ClusterMetadata;
import dev.cloudtelemetry.metadata.ClusterMetadataReader;
import dev.cloudtelemetry.metadata.ContainerSelection;
import dev.cloudtelemetry.metadata.Failures;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.object;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.objects;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.strings;
import static dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects.text;

/**
 * Reads the pod's own details from the Kubernetes API with the pod's service-account token, over HTTPS
 * verified with the service account's {@code ca.crt}. Every part is read on its own: when RBAC denies one
 * (403 on nodes or namespaces is common) the others are kept and the denied part is named. The token is
 * only handed to the client's authentication; it never appears in results, messages or logs.
 * <p>
 * client-java's {@code ApiClient} and API classes build and send the calls (TLS, token, timeouts), but its
 * generated models do not read the answers: they reject an object that lacks a field their OpenAPI spec
 * marks required, or that has a field of another type, and with it the whole part. The body is parsed into
 * maps instead ({@link KubernetesObjects}), so a missing, unknown or wrong-typed field costs only itself.
 */
public final class KubernetesApiReader implements ClusterMetadataReader {

	private static final long MAX_BYTES = 1024 * 1024;

	/** Kubernetes' quantity grammar: a decimal number with an optional exponent or SI/binary suffix. */
	private static final java.util.regex.Pattern QUANTITY = java.util.regex.Pattern
		.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[numkMGTPE]|[KMGTPE]i)?");

	private final Path serviceAccountPath;

	private final UnaryOperator<String> environment;

	private final Duration connectTimeout;

	private final Duration timeout;

	private final ContainerIdReader containerIds;

	private final PodAnnotations annotations;

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
		this(serviceAccountPath, environment, connectTimeout, timeout, containerIds, PodAnnotations.DEFAULT);
	}

	/**
	 * @param serviceAccountPath the directory holding {@code token} and {@code ca.crt}
	 * @param environment the environment ({@code KUBERNETES_SERVICE_HOST}, {@code KUBERNETES_SERVICE_PORT},
	 * {@code K8S_CONTAINER_NAME})
	 * @param connectTimeout the connect timeout
	 * @param timeout the bound on each API call
	 * @param containerIds reads this container's id, to find this container among the pod's
	 * @param annotations which pod annotations are written, and how
	 */
	public KubernetesApiReader(Path serviceAccountPath, UnaryOperator<String> environment, Duration connectTimeout,
			Duration timeout, ContainerIdReader containerIds, PodAnnotations annotations) {
		this.annotations = annotations;
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
		Map<String, Object> pod = result.part("pods", () -> core.readNamespacedPod(podName, namespace).buildCall(null));
		if (pod == null) {
			return result.build();
		}
		Map<String, Object> podLabels = describePod(pod, result);
		owners(client, namespace, object(pod, "metadata"), podLabels, result);
		String serviceAccount = text(object(pod, "spec"), "serviceAccountName");
		if (serviceAccount != null) {
			Map<String, Object> account = result.part("serviceaccounts",
					() -> core.readNamespacedServiceAccount(serviceAccount, namespace).buildCall(null));
			result.put("service_account_uid", text(object(account, "metadata"), "uid"));
		}
		Map<String, Object> ns = result.part("namespaces", () -> core.readNamespace(namespace).buildCall(null));
		if (ns != null) {
			result.put("namespace_labels", PodAnnotations.writtenLabels(strings(object(ns, "metadata"), "labels")));
		}
		String nodeName = text(object(pod, "spec"), "nodeName");
		if (nodeName != null) {
			Map<String, Object> node = result.part("nodes", () -> core.readNode(nodeName).buildCall(null));
			if (node != null) {
				Map<String, Object> labels = strings(object(node, "metadata"), "labels");
				result.put("node_labels", PodAnnotations.writtenLabels(labels));
				result.nodeLabels.putAll(labels);
				result.providerId = text(object(node, "spec"), "providerID");
			}
		}
		Map<String, Object> services = result.part("services",
				() -> core.listNamespacedService(namespace).buildCall(null));
		if (services != null) {
			result.put("services", matchingServices(objects(services, "items"), podLabels));
		}
		return result.build();
	}

	private Map<String, Object> describePod(Map<String, Object> pod, Result result) {
		Map<String, Object> meta = object(pod, "metadata");
		Map<String, Object> labels = strings(meta, "labels");
		result.put("pod.uid", text(meta, "uid"));
		result.put("pod_labels", PodAnnotations.writtenLabels(labels));
		result.put("pod_annotations", this.annotations.filter(strings(meta, "annotations")));
		Map<String, Object> spec = object(pod, "spec");
		if (spec != null) {
			result.put("service_account_name", text(spec, "serviceAccountName"));
			String envName = KubernetesResourceProvider.first(this.environment.apply("K8S_CONTAINER_NAME"),
					this.environment.apply("CONTAINER_NAME"));
			ContainerSelector.Choice choice = ContainerSelector.select(pod, envName, this.containerIds.candidates());
			result.container = choice.selection();
			if (choice.container() != null) {
				result.put("container.name", choice.selection().name());
				result.put("container.id", choice.id());
				Map<String, Object> resources = object(choice.container(), "resources");
				result.put("cpu_request", quantity(object(resources, "requests"), "cpu"));
				result.put("cpu_limit", quantity(object(resources, "limits"), "cpu"));
				result.put("memory_request", quantity(object(resources, "requests"), "memory"));
				result.put("memory_limit", quantity(object(resources, "limits"), "memory"));
			}
			result.put("node.name", text(spec, "nodeName"));
		}
		Map<String, Object> status = object(pod, "status");
		result.put("pod_phase", text(status, "phase"));
		result.put("pod_ip", text(status, "podIP"));
		result.put("host_ip", text(status, "hostIP"));
		return labels;
	}

	private void owners(ApiClient client, String namespace, Map<String, Object> meta, Map<String, Object> podLabels,
			Result result) {
		Map<String, Object> owner = controller(meta);
		if (owner == null) {
			return;
		}
		String name = text(owner, "name");
		switch (text(owner, "kind")) {
			case "ReplicaSet" -> {
				result.put("replicaset_name", name);
				Map<String, Object> replicaSet = result.part("replicasets",
						() -> new AppsV1Api(client).readNamespacedReplicaSet(name, namespace).buildCall(null));
				Map<String, Object> deployment = controller(object(replicaSet, "metadata"));
				if (deployment != null && "Deployment".equals(text(deployment, "kind"))) {
					result.put("deployment_name", text(deployment, "name"));
				}
				else if (replicaSet == null) {
					// the Deployment controller names its ReplicaSets <deployment>-<pod-template-hash>
					Object hash = podLabels.get("pod-template-hash");
					if (hash != null && name.endsWith("-" + hash)) {
						result.put("deployment_name", name.substring(0, name.length() - hash.toString().length() - 1));
					}
				}
			}
			case "StatefulSet" -> result.put("statefulset_name", name);
			case "DaemonSet" -> result.put("daemonset_name", name);
			case "Job" -> {
				result.put("job_name", name);
				Map<String, Object> job = result.part("jobs",
						() -> new BatchV1Api(client).readNamespacedJob(name, namespace).buildCall(null));
				Map<String, Object> cronJob = controller(object(job, "metadata"));
				if (cronJob != null && "CronJob".equals(text(cronJob, "kind"))) {
					result.put("cronjob_name", text(cronJob, "name"));
				}
			}
			default -> result.put("owner_kind", text(owner, "kind"));
		}
	}

	/** @return the owner reference marked {@code controller: true} that has a kind and a name, or {@code null} */
	private static Map<String, Object> controller(Map<String, Object> meta) {
		for (Map<String, Object> reference : objects(meta, "ownerReferences")) {
			if (Boolean.TRUE.equals(reference.get("controller")) && text(reference, "kind") != null
					&& text(reference, "name") != null) {
				return reference;
			}
		}
		return null;
	}

	private static List<String> matchingServices(List<Map<String, Object>> services, Map<String, Object> podLabels) {
		List<String> names = new ArrayList<>();
		for (Map<String, Object> service : services) {
			// the raw selector: a value of another type than string matches no label
			Map<String, Object> selector = object(service, "spec", "selector");
			String name = text(object(service, "metadata"), "name");
			if (selector != null && !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet())
					&& name != null) {
				names.add(name);
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

	/**
	 * @return the quantity as the API server serializes it (already canonical: {@code 500m}, {@code 4Gi}), or
	 * {@code null} when it is not a quantity
	 */
	private static String quantity(Map<String, Object> quantities, String name) {
		Object value = (quantities != null) ? quantities.get(name) : null;
		if (!(value instanceof String) && !(value instanceof Number)) {
			return null;
		}
		String text = value.toString().trim();
		return QUANTITY.matcher(text).matches() ? text : null;
	}

	@FunctionalInterface
	private interface ApiCall {

		Call build() throws ApiException;

	}

	private static final class Result {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private final Map<String, Object> nodeLabels = new LinkedHashMap<>();

		private final List<String> denied = new ArrayList<>();

		private final List<String> errors = new ArrayList<>();

		private String providerId;

		private ContainerSelection container;

		/**
		 * Reads one part, through the client's transport but not its models: the body is parsed into maps
		 * so that a field the models would reject costs only that field.
		 * @return the object, or {@code null} when the part failed (recorded as denied or as an error)
		 */
		Map<String, Object> part(String name, ApiCall call) {
			try (Response response = call.build().execute()) {
				if (response.code() == 403) {
					this.denied.add(name);
					return null;
				}
				if (!response.isSuccessful()) {
					this.errors.add(name + ": HTTP " + response.code()
							+ ((response.code() == 401) ? " (the service-account token was not accepted)" : ""));
					return null;
				}
				Map<String, Object> object = Json.parseObject(response.body().string());
				if (object == null) {
					this.errors.add(name + ": the answer is not a JSON object");
				}
				return object;
			}
			catch (ApiException | IOException | RuntimeException ex) {
				this.errors.add(name + ": " + Failures.describe(ex));
				return null;
			}
		}

		void put(String key, Object value) {
			if (value != null) {
				this.fields.put(key, value);
			}
		}

		ClusterMetadata build() {
			return new ClusterMetadata(this.fields, this.providerId, this.nodeLabels, this.denied, this.errors,
					this.container);
		}

	}

}
