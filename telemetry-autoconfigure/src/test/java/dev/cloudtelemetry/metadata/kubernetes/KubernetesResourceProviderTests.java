package dev.cloudtelemetry.metadata.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.resource.ResourceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesResourceProviderTests {

	@TempDir
	Path directory;

	private ContainerIdReader noContainer() {
		return new ContainerIdReader(this.directory.resolve("none"), this.directory.resolve("none"));
	}

	@Test
	void withoutTheNamespaceFileThereIsNoK8sBlock() {
		ResourceBuilder builder = new ResourceBuilder();
		new KubernetesResourceProvider(this.directory, Map.of("HOSTNAME", "laptop")::get, null, noContainer())
			.contribute(builder);
		assertThat(builder.k8s()).isEmpty();
	}

	@Test
	void fillsTheBasicsFromFilesAndEnvironment() throws IOException {
		Files.writeString(this.directory.resolve("namespace"), "user-services\n");
		Map<String, String> env = Map.of("K8S_CLUSTER_NAME", "prod-eks-cluster", "HOSTNAME",
				"user-api-deployment-7b8c9d-abcde", "K8S_CONTAINER_NAME", "user-api", "K8S_NODE_NAME",
				"ip-172-31-45-67.ec2.internal");
		ResourceBuilder builder = new ResourceBuilder();
		new KubernetesResourceProvider(this.directory, env::get, null, noContainer()).contribute(builder);
		assertThat(builder.k8s()).containsExactly(Map.entry("cluster.name", "prod-eks-cluster"),
				Map.entry("namespace.name", "user-services"), Map.entry("pod.name", "user-api-deployment-7b8c9d-abcde"),
				Map.entry("container.name", "user-api"), Map.entry("node.name", "ip-172-31-45-67.ec2.internal"));
	}

	@Test
	void configuredClusterNameWins() throws IOException {
		Files.writeString(this.directory.resolve("namespace"), "default");
		ResourceBuilder builder = new ResourceBuilder();
		new KubernetesResourceProvider(this.directory, Map.of("K8S_CLUSTER_NAME", "from-env")::get, "configured",
				noContainer())
			.contribute(builder);
		assertThat(builder.k8s()).containsEntry("cluster.name", "configured");
	}

}
