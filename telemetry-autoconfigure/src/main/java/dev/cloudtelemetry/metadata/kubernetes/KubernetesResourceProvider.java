package dev.cloudtelemetry.metadata.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;

/**
 * The local part of the {@code k8s} block, from files and environment variables only: present when the
 * service-account {@code namespace} file exists. The Kubernetes API adds the rest later
 * ({@link KubernetesApiReader}).
 */
public final class KubernetesResourceProvider implements ResourceProvider {

	/** Where Kubernetes mounts the pod's service-account credentials. */
	public static final Path DEFAULT_SERVICE_ACCOUNT_PATH = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	private final Path serviceAccountPath;

	private final UnaryOperator<String> environment;

	private final String clusterName;

	private final ContainerIdReader containerIds;

	/**
	 * @param serviceAccountPath the directory holding {@code namespace}, {@code token} and {@code ca.crt}
	 * @param environment the environment variables
	 * @param clusterName the configured cluster name, or {@code null} to use {@code K8S_CLUSTER_NAME}
	 * @param containerIds reads this container's id
	 */
	public KubernetesResourceProvider(Path serviceAccountPath, UnaryOperator<String> environment, String clusterName,
			ContainerIdReader containerIds) {
		this.serviceAccountPath = serviceAccountPath;
		this.environment = environment;
		this.clusterName = clusterName;
		this.containerIds = containerIds;
	}

	@Override
	public String name() {
		return "kubernetes-local";
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		String namespace = readSmallFile(this.serviceAccountPath.resolve("namespace"));
		if (namespace == null) {
			return;
		}
		put(builder, "cluster.name", hasText(this.clusterName) ? this.clusterName : env("K8S_CLUSTER_NAME"));
		put(builder, "namespace.name", namespace);
		put(builder, "pod.name", first(env("K8S_POD_NAME"), env("POD_NAME"), env("HOSTNAME")));
		put(builder, "container.name", first(env("K8S_CONTAINER_NAME"), env("CONTAINER_NAME")));
		// in a pod, the id in mountinfo is the sandbox's; the API reader matches it against the container statuses
		put(builder, "container.id", this.containerIds.readFromCgroup());
		put(builder, "node.name", first(env("K8S_NODE_NAME"), env("NODE_NAME")));
	}

	private String env(String name) {
		return this.environment.apply(name);
	}

	/**
	 * Public because {@link KubernetesApiReader} uses it from the Kubernetes bundle's class loader (see
	 * {@link dev.cloudtelemetry.metadata.IsolatedLibraries}), where package-private members are out of reach.
	 * @param values candidates, in order of preference
	 * @return the first value that is neither {@code null} nor blank, or {@code null}
	 */
	public static String first(String... values) {
		for (String value : values) {
			if (hasText(value)) {
				return value.trim();
			}
		}
		return null;
	}

	private static void put(ResourceBuilder builder, String key, String value) {
		if (hasText(value)) {
			builder.k8s().put(key, value.trim());
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	static String readSmallFile(Path path) {
		try {
			if (!Files.isRegularFile(path)) {
				return null;
			}
			try (InputStream in = Files.newInputStream(path)) {
				String text = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8).trim();
				return text.isEmpty() ? null : text;
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
