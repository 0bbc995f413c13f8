package dev.cloudtelemetry.resource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostResourceProviderTests {

	@TempDir
	Path directory;

	private static InetAddress address(String text) throws Exception {
		return InetAddress.getByName(text);
	}

	@Test
	void prefersAPrivateIpv4AddressAndNeverLoopback() throws Exception {
		assertThat(HostResourceProvider.primaryAddress(List.of(address("127.0.0.1"), address("fe80::1"),
				address("2001:db8::5"), address("54.91.123.45"), address("172.31.23.45"))))
			.isEqualTo(address("172.31.23.45"));
		assertThat(HostResourceProvider.primaryAddress(List.of(address("127.0.0.1"), address("2001:db8::5"))))
			.isEqualTo(address("2001:db8::5"));
		assertThat(HostResourceProvider.primaryAddress(List.of(address("127.0.0.1")))).isNull();
	}

	@Test
	void theHostNameComesFromTheEnvironmentFirst() throws Exception {
		ResourceBuilder builder = new ResourceBuilder();
		Map<String, String> env = Map.of("HOSTNAME", "payment-api-7b8c9d-xyz123");
		new HostResourceProvider(env::get, () -> List.of(addressUnchecked("10.0.45.123")),
				this.directory.resolve("absent")).contribute(builder);
		assertThat(builder.host()).containsEntry("name", "payment-api-7b8c9d-xyz123").containsEntry("ip", "10.0.45.123");
	}

	@Test
	void withoutHostnameVariablesTheHostNameIsReadFromTheHostnameFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("hostname"), "build-agent-07\n");
		assertThat(HostResourceProvider.hostName((name) -> null, file)).isEqualTo("build-agent-07");
		ResourceBuilder builder = new ResourceBuilder();
		new HostResourceProvider((name) -> null, List::of, file).contribute(builder);
		assertThat(builder.host()).containsEntry("name", "build-agent-07");
	}

	@Test
	void theEnvironmentWinsOverTheHostnameFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("hostname"), "build-agent-07\n");
		assertThat(HostResourceProvider.hostName(Map.of("COMPUTERNAME", "WIN-BUILD-01")::get, file))
			.isEqualTo("WIN-BUILD-01");
		assertThat(HostResourceProvider.hostName(Map.of("HOSTNAME", " pod-7b8c9d ")::get, file))
			.isEqualTo("pod-7b8c9d");
	}

	@Test
	void aMissingOrBlankHostnameFileFallsBackToTheNameLookup() throws Exception {
		String lookedUp = lookedUpHostName();
		assertThat(HostResourceProvider.hostName((name) -> null, this.directory.resolve("absent")))
			.isEqualTo(lookedUp);
		Path blank = Files.writeString(this.directory.resolve("blank"), " \n");
		assertThat(HostResourceProvider.hostName((name) -> null, blank)).isEqualTo(lookedUp);
	}

	/** What the name lookup gives on this host, or the provider's documented fallback when it fails. */
	private static String lookedUpHostName() {
		try {
			return InetAddress.getLocalHost().getHostName().trim();
		}
		catch (java.net.UnknownHostException ex) {
			return "localhost";
		}
	}

	private static InetAddress addressUnchecked(String text) {
		try {
			return address(text);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
