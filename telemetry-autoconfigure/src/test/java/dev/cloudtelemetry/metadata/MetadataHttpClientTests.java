package dev.cloudtelemetry.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MetadataHttpClientTests {

	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			1024);

	@Test
	void readsStatusHeadersAndBody() throws IOException {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "hello",
					Map.of("Metadata-Flavor", "Google")));
			MetadataHttpClient.Response response = this.http.get(URI.create(server.url() + "/x"), Map.of());
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
			assertThat(response.header("metadata-flavor")).isEqualTo("Google");
		}
	}

	@Test
	void oversizedResponseIsRejected() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "x".repeat(4096)));
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> this.http.get(URI.create(server.url() + "/"), Map.of()))
				.withMessageContaining("larger than 1 KiB");
		}
	}

	@Test
	void oversizedChunkedResponseIsRejected() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> {
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream out = exchange.getResponseBody()) {
					for (int i = 0; i < 1000; i++) {
						out.write(new byte[1024]);
					}
				}
				catch (IOException ex) {
					// the client hung up, as it should
				}
			});
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> this.http.get(URI.create(server.url() + "/"), Map.of()));
		}
	}

	@Test
	void serverThatNeverAnswersTimesOut() throws IOException {
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> this.http.get(URI.create(silent.url() + "/"), Map.of()));
		}
	}

	@Test
	void closedPortFailsAndIsDescribedInPlainWords() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.get(URI.create(FakeMetadataServer.closedPortUrl() + "/"), Map.of()))
			.satisfies((ex) -> assertThat(Failures.describe(ex)).contains("connection refused"));
	}

	@Test
	void onlyHttpAddressesAreUsed() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.get(URI.create("file:///etc/passwd"), Map.of()));
	}

}
