package dev.cloudtelemetry.metadata.gcp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.FakeClouds;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class GcpMetadataProbeTests {

	// generous: these tests are about what is read, not about time
	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataHttpClient fast = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	@Test
	void computeEngineInstanceIsDescribed() throws IOException {
		try (FakeMetadataServer server = FakeClouds.gcp(new FakeMetadataServer(), null)) {
			CloudMetadata metadata = new GcpMetadataProbe(this.http, server.url(), (name) -> null).probe(() -> {
			});
			assertThat(metadata.cloud()).containsExactly(Map.entry("provider", "gcp"),
					Map.entry("region", "us-central1"), Map.entry("availability_zone", "us-central1-a"),
					Map.entry("account.id", "my-project-12345"), Map.entry("instance.id", "1234567890123456789"),
					Map.entry("machine.type", "n1-standard-4"), Map.entry("platform", "compute"),
					Map.entry("metadata_source", "GCE metadata"));
			assertThat(metadata.host()).containsExactly(Map.entry("name", "instance-1"), Map.entry("ip", "10.128.0.2"),
					Map.entry("public_ip", "34.123.45.67"));
		}
	}

	@Test
	void gkeNodeGivesPlatformAndClusterName() throws IOException {
		try (FakeMetadataServer server = FakeClouds.gcp(new FakeMetadataServer(), "prod-gke")) {
			CloudMetadata metadata = new GcpMetadataProbe(this.http, server.url() + "/", (name) -> null).probe(() -> {
			});
			assertThat(metadata.cloud()).containsEntry("platform", "gke");
			assertThat(metadata.clusterName()).isEqualTo("prod-gke");
		}
	}

	@Test
	void cloudRunIsRecognisedFromKService() throws IOException {
		try (FakeMetadataServer server = FakeClouds.gcp(new FakeMetadataServer(), null)) {
			CloudMetadata metadata = new GcpMetadataProbe(this.http, server.url(), Map.of("K_SERVICE", "api")::get)
				.probe(() -> {
			});
			assertThat(metadata.cloud()).containsEntry("platform", "cloud_run");
			assertThat(metadata.host()).isEmpty();
		}
	}

	@Test
	void serverThatDoesNotAnswerWithMetadataFlavorIsNotTrusted() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "my-project-12345"));
			assertThatException()
				.isThrownBy(() -> new GcpMetadataProbe(this.http, server.url(), (name) -> null).probe(() -> {
			}))
				.withMessageContaining("not trusted");
		}
	}

	@Test
	void requestsCarryTheFlavorHeader() {
		// the fake answers 403 without the header: a successful probe proves it was sent
		try (FakeMetadataServer server = FakeClouds.gcp(new FakeMetadataServer(), null)) {
			assertThat(new GcpMetadataProbe(this.http, server.url(), (name) -> null)).satisfies((probe) -> {
				assertThat(probe.probe(() -> {
			})).isNotNull();
			});
		}
	}

	@Test
	void aServerThatNeverAnswersTimesOut() throws Exception {
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			assertThatException().isThrownBy(() -> new GcpMetadataProbe(this.fast, silent.url(), (name) -> null).probe(() -> {
			})).isInstanceOf(java.net.SocketTimeoutException.class);
		}
	}

}
