package dev.cloudtelemetry.metadata.aws;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.FakeClouds;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.Failures;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class Ec2MetadataProbeTests {

	// generous: these tests are about what is read, not about time
	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataHttpClient fast = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	@Test
	void readsIdentityDocumentHostnameAndAddressesWithSessionToken() throws Exception {
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), true)) {
			CloudMetadata metadata = new Ec2MetadataProbe(this.http, server.url()).probe(() -> {
			});
			assertThat(metadata.cloud()).containsExactly(Map.entry("provider", "aws"), Map.entry("region", "us-east-1"),
					Map.entry("availability_zone", "us-east-1a"), Map.entry("account.id", "123456789012"),
					Map.entry("instance.id", "i-0b123456789abcdef"), Map.entry("machine.type", "t3.large"),
					Map.entry("image.id", "ami-0ff8a91507f77f867"), Map.entry("platform", "ec2"),
					Map.entry("metadata_source", "IMDSv2"));
			assertThat(metadata.host()).containsExactly(Map.entry("name", "ip-172-31-23-45.ec2.internal"),
					Map.entry("ip", "172.31.23.45"), Map.entry("public_ip", "54.91.123.45"));
		}
	}

	@Test
	void theSdkReadsTheInstanceWithTheProbesOwnToken() throws Exception {
		AtomicInteger tokenRequests = new AtomicInteger();
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), true, tokenRequests)) {
			Ec2MetadataProbe probe = new Ec2MetadataProbe(this.http, server.url());
			assertThat(probe.probe(() -> {
			}).cloud()).containsEntry("instance.id", "i-0b123456789abcdef");
			assertThat(tokenRequests).hasValue(1);
			// a token is used for one probe only: the next asks for a new one
			assertThat(probe.probe(() -> {
			}).host()).containsEntry("ip", "172.31.23.45");
			assertThat(tokenRequests).hasValue(2);
		}
	}

	@Test
	void instanceWithoutPublicAddressHasNoPublicIp() throws Exception {
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), false)) {
			CloudMetadata metadata = new Ec2MetadataProbe(this.http, server.url()).probe(() -> {
			});
			assertThat(metadata.host()).doesNotContainKey("public_ip").containsEntry("ip", "172.31.23.45");
		}
	}

	@Test
	void whenImdsTokenTimesOutTheReportNamesTheHopLimit() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/latest/api/token", server.hang());
			assertThatException().isThrownBy(() -> new Ec2MetadataProbe(this.fast, server.url()).probe(() -> {
			}))
				.satisfies((ex) -> assertThat(Failures.describe(ex))
					.isEqualTo("IMDS token request timed out after 200 ms; inside a container raise the hop limit to 2"
							+ " (aws ec2 modify-instance-metadata-options --http-put-response-hop-limit 2)"));
		}
	}

	@Test
	void nothingListeningFailsFast() {
		assertThatException()
			.isThrownBy(() -> new Ec2MetadataProbe(this.http, FakeMetadataServer.closedPortUrl()).probe(() -> {
			}))
			.satisfies((ex) -> assertThat(Failures.describe(ex)).contains("connection refused"));
	}

	@Test
	void garbageIdentityDocumentIsRejected() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/latest/api/token", Ec2MetadataProbeTests::token);
			server.handle("/latest/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "{{{not json"));
			assertThatException().isThrownBy(() -> new Ec2MetadataProbe(this.http, server.url()).probe(() -> {
			}))
				.satisfies((ex) -> assertThat(Failures.describe(ex)).contains("not valid JSON"));
		}
	}

	@Test
	void oversizedAnswerIsRejected() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/latest/api/token", Ec2MetadataProbeTests::token);
			server.handle("/latest/",
					(exchange) -> FakeMetadataServer.respond(exchange, 200, "{\"a\":\"" + "x".repeat(100_000) + "\"}"));
			assertThatException().isThrownBy(() -> new Ec2MetadataProbe(this.http, server.url()).probe(() -> {
			}))
				.satisfies((ex) -> assertThat(Failures.describe(ex)).contains("larger than 64 KiB"));
		}
	}

	private static void token(HttpExchange exchange) throws IOException {
		FakeMetadataServer.respond(exchange, 200, "token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "60"));
	}

	@Test
	void endpointIsTakenAsGiven() {
		assertThat(URI.create(Ec2MetadataProbe.DEFAULT_ENDPOINT).getHost()).isEqualTo("169.254.169.254");
	}

}
