package dev.cloudtelemetry.resource;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeResourceProviderTests {

	@Test
	void describesTheRuntimeAndOperatingSystem() {
		Map<String, String> properties = Map.of("os.name", "Linux", "os.version", "5.10.0",
				"java.runtime.version", "17.0.15+6");
		ResourceBuilder builder = new ResourceBuilder();
		new RuntimeResourceProvider(properties::get).contribute(builder);
		assertThat(builder.resource()).containsEntry("telemetry.sdk.name", "custom-injector")
			.containsEntry("telemetry.sdk.version", "2.0.0")
			.containsEntry("runtime.name", "java")
			.containsEntry("runtime.version", "17.0.15+6")
			.containsEntry("os.type", "linux")
			.containsEntry("os.description", "Linux 5.10.0");
	}

	@Test
	void operatingSystemTypesFollowOpenTelemetry() {
		assertThat(RuntimeResourceProvider.osType("Windows Server 2022")).isEqualTo("windows");
		assertThat(RuntimeResourceProvider.osType("Mac OS X")).isEqualTo("darwin");
		assertThat(RuntimeResourceProvider.osType("FreeBSD")).isEqualTo("freebsd");
	}

	@Test
	void programNameIsTheJarOrTheMainClass() {
		assertThat(ProcessResourceProvider.programName("/app/orders.jar --server.port=8080")).isEqualTo("orders.jar");
		assertThat(ProcessResourceProvider.programName("com.example.OrdersApplication --x")).isEqualTo("OrdersApplication");
		assertThat(ProcessResourceProvider.programName(null)).isEqualTo("java");
	}

}
