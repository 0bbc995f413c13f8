package dev.cloudtelemetry.metadata;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe;
import dev.cloudtelemetry.metadata.aws.ImdsDetection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeferredCloudProbeTests {

	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			64 * 1024);

	@Test
	void whenImdsIsAbsentTheProbeIsNeverCreated() {
		String closed = FakeMetadataServer.closedPortUrl();
		AtomicInteger created = new AtomicInteger();
		DeferredCloudProbe probe = new DeferredCloudProbe(Ec2MetadataProbe.NAME, true,
				new ImdsDetection(this.http, URI.create(closed)), () -> {
					created.incrementAndGet();
					return new Ec2MetadataProbe(this.http, closed);
				});
		List<String> detected = new ArrayList<>();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> probe.probe(() -> detected.add("aws")));
		assertThat(created).hasValue(0);
		assertThat(detected).isEmpty();
	}

	@Test
	void whenImdsAnswersTheProbeIsCreatedAndReadsTheInstance() throws Exception {
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), true)) {
			AtomicInteger created = new AtomicInteger();
			DeferredCloudProbe probe = new DeferredCloudProbe(Ec2MetadataProbe.NAME, true,
					new ImdsDetection(this.http, URI.create(server.url())), () -> {
						created.incrementAndGet();
						return new Ec2MetadataProbe(this.http, server.url());
					});
			List<String> detected = new ArrayList<>();
			CloudMetadata metadata = probe.probe(() -> detected.add("aws"));
			assertThat(metadata).isNotNull();
			assertThat(metadata.cloud()).containsEntry("provider", "aws").containsEntry("platform", "ec2");
			assertThat(created).hasValue(1);
			// told before the probe (and its SDK) is created, so that creating it counts as collecting
			assertThat(detected).isNotEmpty();
		}
	}

	@Test
	void whenImdsAnswersAnErrorTheProbeIsNeverCreated() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/latest/api/token", (exchange) -> FakeMetadataServer.respond(exchange, 403, ""));
			AtomicInteger created = new AtomicInteger();
			DeferredCloudProbe probe = new DeferredCloudProbe(Ec2MetadataProbe.NAME, true,
					new ImdsDetection(this.http, URI.create(server.url())), () -> {
						created.incrementAndGet();
						return new Ec2MetadataProbe(this.http, server.url());
					});
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> probe.probe(() -> {
			})).withMessageContaining("HTTP 403");
			assertThat(created).hasValue(0);
		}
	}

	@Test
	void withoutADetectionTheCreatedProbeTellsWhenItsCloudIsThere() {
		String closed = FakeMetadataServer.closedPortUrl();
		DeferredCloudProbe probe = new DeferredCloudProbe(Ec2MetadataProbe.NAME, true,
				() -> new Ec2MetadataProbe(this.http, closed));
		List<String> detected = new ArrayList<>();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> probe.probe(() -> detected.add("aws")));
		// nothing answered: the probe must stay under the detection deadline of a speculative probe
		assertThat(detected).isEmpty();
	}

	@Test
	void withoutADetectionTheCreatedProbeIsToldOnceItsCloudAnswers() throws Exception {
		try (FakeMetadataServer server = FakeClouds.imds(new FakeMetadataServer(), true)) {
			DeferredCloudProbe probe = new DeferredCloudProbe(Ec2MetadataProbe.NAME, true,
					() -> new Ec2MetadataProbe(this.http, server.url()));
			List<String> detected = new ArrayList<>();
			assertThat(probe.probe(() -> detected.add("aws"))).isNotNull();
			assertThat(detected).containsExactly("aws");
		}
	}

}
