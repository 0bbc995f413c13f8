package dev.cloudtelemetry.resource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostResourceProviderTests {

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
		new HostResourceProvider(env::get, () -> List.of(addressUnchecked("10.0.45.123"))).contribute(builder);
		assertThat(builder.host()).containsEntry("name", "payment-api-7b8c9d-xyz123").containsEntry("ip", "10.0.45.123");
	}

	@Test
	void withoutHostnameVariablesTheHostNameIsReadWithoutANameLookupWhereTheSystemTellsIt() throws Exception {
		Path etcHostname = Path.of("/etc/hostname");
		Assumptions.assumeTrue(Files.isReadable(etcHostname),
				"/etc/hostname: a Linux host");
		String expected = Files.readString(etcHostname).trim();
		Assumptions.assumeFalse(expected.isEmpty(), "/etc/hostname is empty");
		assertThat(HostResourceProvider.hostName((name) -> null)).isEqualTo(expected);
		assertThat(HostResourceProvider.hostName(Map.of("COMPUTERNAME", "WIN-BUILD-01")::get))
			.isEqualTo("WIN-BUILD-01");
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
