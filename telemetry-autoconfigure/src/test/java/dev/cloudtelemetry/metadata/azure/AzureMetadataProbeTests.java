package dev.cloudtelemetry.metadata.azure;

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

class AzureMetadataProbeTests {

	// generous: these tests are about what is read, not about time
	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataHttpClient fast = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	@Test
	void virtualMachineIsDescribed() throws IOException {
		try (FakeMetadataServer server = FakeClouds.azure(new FakeMetadataServer())) {
			CloudMetadata metadata = new AzureMetadataProbe(this.http, server.url()).probe(() -> {
			});
			assertThat(metadata.cloud()).containsExactly(Map.entry("provider", "azure"), Map.entry("region", "eastus"),
					Map.entry("availability_zone", "1"),
					Map.entry("account.id", "8d10da13-8125-4ba9-a717-bf7490507b3d"),
					Map.entry("resource_group", "batch-rg"),
					Map.entry("instance.id", "12345678-1234-1234-1234-123456789012"),
					Map.entry("machine.type", "Standard_D4s_v3"), Map.entry("platform", "vm"),
					Map.entry("metadata_source", "Azure IMDS"));
			assertThat(metadata.host()).containsExactly(Map.entry("name", "vm-processor-01"),
					Map.entry("ip", "10.0.0.4"), Map.entry("public_ip", "20.42.11.7"));
		}
	}

	@Test
	void aServiceThatRefusesTheRequestIsReported() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 400, "{\"error\":\"Bad request\"}"));
			assertThatException().isThrownBy(() -> new AzureMetadataProbe(this.http, server.url()).probe(() -> {
			}))
				.withMessageContaining("HTTP 400");
		}
	}

	@Test
	void aDocumentWithoutVmIdIsNotAzure() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "{\"compute\":[]}"));
			assertThatException().isThrownBy(() -> new AzureMetadataProbe(this.http, server.url()).probe(() -> {
			}))
				.withMessageContaining("not an instance document");
		}
	}

	@Test
	void aServerThatNeverAnswersTimesOut() throws Exception {
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			assertThatException().isThrownBy(() -> new AzureMetadataProbe(this.fast, silent.url()).probe(() -> {
			})).isInstanceOf(java.net.SocketTimeoutException.class);
		}
	}

}
