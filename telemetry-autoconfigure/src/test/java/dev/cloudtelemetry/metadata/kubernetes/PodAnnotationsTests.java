package dev.cloudtelemetry.metadata.kubernetes;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodAnnotationsTests {

	private static final Map<String, Object> ANNOTATIONS = Map.of("prometheus.io/scrape", "true", "prometheus.io/port",
			"9090", "istio.io/rev", "default", "kubectl.kubernetes.io/last-applied-configuration", "{}",
			"example.com/api-key", "k");

	@Test
	void anAllowListKeepsOnlyTheListedKeys() {
		assertThat(new PodAnnotations(List.of("prometheus.io/*"), 256).filter(ANNOTATIONS))
			.containsOnlyKeys("prometheus.io/scrape", "prometheus.io/port");
	}

	@Test
	void theAllowListCannotBringBackAManifestOrASecretName() {
		assertThat(new PodAnnotations(List.of("*"), 256).filter(ANNOTATIONS)).containsOnlyKeys("prometheus.io/scrape",
				"prometheus.io/port", "istio.io/rev");
	}

	@Test
	void urlCredentialsAreMaskedBeforeTheAnnotationsReachTheCache() {
		assertThat(PodAnnotations.DEFAULT.filter(Map.of("example.com/db", "postgres://app:UrlPassword31@db:5432/shop")))
			.hasEntrySatisfying("example.com/db", (value) -> assertThat((String) value).doesNotContain("UrlPassword31")
				.contains("@db:5432/shop"));
	}

	@Test
	void longValuesAreCutWithAMarker() {
		assertThat(new PodAnnotations(List.of(), 4).filter(Map.of("a", "123456789"))).containsEntry("a",
				"1234...[5 chars cut]");
	}

}
