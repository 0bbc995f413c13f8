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
	void theContainerIdComesFromTheCgroupNeverFromTheSandboxMounts() throws IOException {
		Files.writeString(this.directory.resolve("namespace"), "payments");
		String id = "abc123def4567890".repeat(4);
		String sandbox = "5ad0b0c0".repeat(8);
		Path mountinfo = Files.writeString(this.directory.resolve("mountinfo"), "790 734 259:1 /var/lib/docker/"
				+ "containers/" + sandbox + "/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p1 rw\n");
		Path cgroupV2 = Files.writeString(this.directory.resolve("cgroup"), "0::/\n");
		ResourceBuilder builder = new ResourceBuilder();
		new KubernetesResourceProvider(this.directory, Map.<String, String>of()::get, null,
				new ContainerIdReader(cgroupV2, mountinfo))
			.contribute(builder);
		assertThat(builder.k8s()).doesNotContainKey("container.id");
		Path cgroup = Files.writeString(this.directory.resolve("cgroup"),
				"0::/kubepods.slice/kubepods-besteffort.slice/cri-containerd-" + id + ".scope\n");
		builder = new ResourceBuilder();
		new KubernetesResourceProvider(this.directory, Map.<String, String>of()::get, null,
				new ContainerIdReader(cgroup, mountinfo))
			.contribute(builder);
		assertThat(builder.k8s()).containsEntry("container.id", id);
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
