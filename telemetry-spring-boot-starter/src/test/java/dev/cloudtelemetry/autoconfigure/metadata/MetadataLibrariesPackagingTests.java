package dev.cloudtelemetry.autoconfigure.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.ClusterMetadata;
import dev.cloudtelemetry.metadata.ClusterMetadataReader;
import dev.cloudtelemetry.metadata.FakeClouds;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.IsolatedLibraries;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.metadata.kubernetes.FakeKubernetesApi;
import dev.cloudtelemetry.metadata.kubernetes.PodAnnotations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * telemetry-autoconfigure's jar carries the AWS SDK's IMDS client and the Kubernetes client as bundles (its
 * build copies them in after its own tests), and the probes that use them work when loaded from the bundles, against
 * local servers that behave like IMDS and the Kubernetes API.
 */
class MetadataLibrariesPackagingTests {

	@TempDir
	Path directory;

	@Test
	void eachBundleListsExactlyTheJarsTheBuildCopiedIntoTheAutoconfigureJar() throws IOException {
		for (String bundle : List.of("aws", "kubernetes")) {
			URL list = getClass().getClassLoader().getResource(IsolatedLibraries.LOCATION + bundle + ".list");
			assertThat(list).as(bundle + ".list (run the build to the package phase: the bundles are copied into "
					+ "telemetry-autoconfigure's jar after its tests)").isNotNull();
			assertThat(list.getProtocol()).as("the bundles travel in telemetry-autoconfigure's jar").isEqualTo("jar");
			JarURLConnection connection = (JarURLConnection) list.openConnection();
			connection.setUseCaches(false);
			try (JarFile jar = connection.getJarFile()) {
				assertThat(jar.getName()).contains("telemetry-autoconfigure");
				List<String> listed;
				try (InputStream in = jar.getInputStream(jar.getEntry(connection.getEntryName()))) {
					listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
						.filter((line) -> !line.isBlank() && !line.startsWith("#"))
						.sorted()
						.toList();
				}
				String directory = IsolatedLibraries.LOCATION + bundle + "/";
				List<String> copied = jar.stream()
					.map(JarEntry::getName)
					.filter((name) -> name.startsWith(directory) && !name.equals(directory))
					.map((name) -> name.substring(directory.length()))
					.sorted()
					.toList();
				assertThat(copied).as(bundle).isEqualTo(listed).isNotEmpty();
			}
		}
	}

	@Test
	void theEc2ProbeReadsImdsWithTheSdkFromItsBundle() throws Exception {
		assertThat(MetadataLibraries.AWS.isPackaged(getClass().getClassLoader())).isTrue();
		MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 65536);
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), true)) {
			CloudProbe probe = MetadataLibraries.AWS.create(getClass().getClassLoader(), CloudProbe.class,
					MetadataLibraries.EC2_PROBE, new Class<?>[] { MetadataHttpClient.class, String.class }, http,
					server.url());
			assertLoadedFromBundle(probe, "software.amazon.awssdk.imds.Ec2MetadataClient", "telemetry-aws-");
			CloudMetadata metadata = probe.probe(() -> {
			});
			assertThat(metadata.cloud()).containsEntry("provider", "aws")
				.containsEntry("instance.id", "i-0b123456789abcdef")
				.containsEntry("metadata_source", "IMDSv2");
			assertThat(metadata.host()).containsEntry("name", "ip-172-31-23-45.ec2.internal");
		}
	}

	@Test
	void theKubernetesReaderReadsTheApiWithTheClientFromItsBundle() throws Exception {
		assertThat(MetadataLibraries.KUBERNETES.isPackaged(getClass().getClassLoader())).isTrue();
		try (FakeKubernetesApi api = new FakeKubernetesApi()) {
			Path serviceAccount = api.serviceAccount(this.directory.resolve("serviceaccount"), FakeKubernetesApi.TOKEN);
			Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
					String.valueOf(api.port()));
			UnaryOperator<String> environment = env::get;
			ContainerIdReader containerIds = new ContainerIdReader(this.directory.resolve("no-cgroup"),
					this.directory.resolve("no-mountinfo"));
			ClusterMetadataReader reader = MetadataLibraries.KUBERNETES.create(getClass().getClassLoader(),
					ClusterMetadataReader.class, MetadataLibraries.KUBERNETES_API_READER,
					new Class<?>[] { Path.class, UnaryOperator.class, Duration.class, Duration.class,
							ContainerIdReader.class, PodAnnotations.class },
					serviceAccount, environment, Duration.ofSeconds(2), Duration.ofSeconds(10), containerIds,
					PodAnnotations.DEFAULT);
			assertLoadedFromBundle(reader, "io.kubernetes.client.openapi.ApiClient", "telemetry-kubernetes-");
			ClusterMetadata cluster = reader.read("payments", "payment-api-7b8c9d-xyz123");
			assertThat(cluster.errors()).isEmpty();
			assertThat(cluster.denied()).isEmpty();
			assertThat(cluster.fields()).containsEntry("pod_ip", "10.244.5.67");
		}
	}

	private void assertLoadedFromBundle(Object created, String libraryClass, String directoryPrefix)
			throws ClassNotFoundException {
		ClassLoader bundle = created.getClass().getClassLoader();
		assertThat(bundle).isNotSameAs(getClass().getClassLoader());
		// the test's own class path has the libraries too (test scope): the bundle's copy must win
		Class<?> library = Class.forName(libraryClass, false, bundle);
		assertThat(library.getClassLoader()).isSameAs(bundle);
		assertThat(library.getProtectionDomain().getCodeSource().getLocation().toString()).contains(directoryPrefix);
	}

}
