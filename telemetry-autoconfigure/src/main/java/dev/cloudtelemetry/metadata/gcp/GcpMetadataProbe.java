package dev.cloudtelemetry.metadata.gcp;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.ManagedKubernetes;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.MetadataHttpClient.Response;

/**
 * Reads the GCE metadata server (Compute Engine, GKE nodes, Cloud Run). Every request carries
 * {@code Metadata-Flavor: Google} and only responses that carry it back are trusted: anything else on that
 * address is not Google's metadata server.
 */
public final class GcpMetadataProbe implements CloudProbe {

	/** Google Kubernetes Engine: Compute Engine nodes ({@code gce://} provider ids), GKE's node labels. */
	public static final ManagedKubernetes GKE = new ManagedKubernetes("gcp", "gke", "compute", "gce://",
			"cloud.google.com/gke", List.of());

	/** The metadata server's documented address. */
	public static final String DEFAULT_ENDPOINT = "http://metadata.google.internal";

	private static final Map<String, String> FLAVOR = Map.of("Metadata-Flavor", "Google");

	private final MetadataHttpClient http;

	private final String endpoint;

	private final UnaryOperator<String> environment;

	public GcpMetadataProbe(MetadataHttpClient http, String endpoint, UnaryOperator<String> environment) {
		this.http = http;
		this.endpoint = stripTrailingSlash(endpoint);
		this.environment = environment;
	}

	@Override
	public String name() {
		return "gcp";
	}

	@Override
	public CloudMetadata probe(Runnable detected) throws IOException {
		String projectId = required("project/project-id");
		detected.run();
		String zone = lastSegment(optional("instance/zone"));
		String region = lastSegment(optional("instance/region"));
		if (region == null && zone != null && zone.lastIndexOf('-') > 0) {
			region = zone.substring(0, zone.lastIndexOf('-'));
		}
		String clusterName = optional("instance/attributes/cluster-name");
		CloudMetadata metadata = new CloudMetadata("gcp").cloud("region", region)
			.cloud("availability_zone", zone)
			.cloud("account.id", projectId)
			.cloud("instance.id", optional("instance/id"))
			.cloud("machine.type", lastSegment(optional("instance/machine-type")))
			.cloud("platform", platform(clusterName))
			.cloud("metadata_source", "GCE metadata")
			.clusterName(clusterName);
		String hostname = optional("instance/hostname");
		if (hostname != null && !isCloudRun()) {
			// Compute Engine gives the FQDN "instance-1.c.project.internal"; the instance name is the host
			metadata.host("name", hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname);
			metadata.host("ip", optional("instance/network-interfaces/0/ip"));
			metadata.host("public_ip", optional("instance/network-interfaces/0/access-configs/0/external-ip"));
		}
		return metadata;
	}

	private String platform(String clusterName) {
		if (isCloudRun()) {
			return "cloud_run";
		}
		return (clusterName != null) ? "gke" : "compute";
	}

	private boolean isCloudRun() {
		String service = this.environment.apply("K_SERVICE");
		return service != null && !service.isBlank();
	}

	private String required(String path) throws IOException {
		Response response = fetch(path);
		if (!response.isOk()) {
			throw new PlainFailure("GCP metadata server answered HTTP " + response.status());
		}
		return response.body().trim();
	}

	private String optional(String path) throws IOException {
		Response response = fetch(path);
		return (response.isOk() && !response.body().isBlank()) ? response.body().trim() : null;
	}

	private Response fetch(String path) throws IOException {
		Response response = this.http.get(URI.create(this.endpoint + "/computeMetadata/v1/" + path), FLAVOR);
		if (!"Google".equals(response.header("Metadata-Flavor"))) {
			throw new PlainFailure("response without 'Metadata-Flavor: Google' is not trusted as GCP metadata");
		}
		return response;
	}

	private static String lastSegment(String value) {
		return (value != null) ? value.substring(value.lastIndexOf('/') + 1) : null;
	}

	private static String stripTrailingSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
