package dev.cloudtelemetry.metadata.azure;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.ManagedKubernetes;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.MetadataHttpClient.Response;

/**
 * Reads the Azure Instance Metadata Service: one request for the instance document, with
 * {@code Metadata: true} and an {@code api-version}.
 */
public final class AzureMetadataProbe implements CloudProbe {

	/** Azure Kubernetes Service: Azure VMs ({@code azure://} provider ids), AKS's node labels. */
	public static final ManagedKubernetes AKS = new ManagedKubernetes("azure", "aks", "vm", "azure://",
			"kubernetes.azure.com/", List.of("kubernetes.azure.com/cluster"));

	/** The documented IMDS address. */
	public static final String DEFAULT_ENDPOINT = "http://169.254.169.254";

	static final String API_VERSION = "2021-02-01";

	private final MetadataHttpClient http;

	private final String endpoint;

	public AzureMetadataProbe(MetadataHttpClient http, String endpoint) {
		this.http = http;
		this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
	}

	@Override
	public String name() {
		return "azure";
	}

	@Override
	public CloudMetadata probe(Runnable detected) throws IOException {
		Response response = this.http.get(
				URI.create(this.endpoint + "/metadata/instance?api-version=" + API_VERSION + "&format=json"),
				Map.of("Metadata", "true"));
		if (!response.isOk()) {
			throw new PlainFailure("Azure IMDS answered HTTP " + response.status());
		}
		detected.run();
		Map<String, Object> document = Json.parseObject(response.body());
		Map<String, Object> compute = Json.object(document, "compute");
		if (compute == null || Json.string(compute, "vmId") == null) {
			throw new PlainFailure("Azure IMDS answer is not an instance document");
		}
		CloudMetadata metadata = new CloudMetadata("azure").cloud("region", Json.string(compute, "location"))
			.cloud("availability_zone", Json.string(compute, "zone"))
			.cloud("account.id", Json.string(compute, "subscriptionId"))
			.cloud("resource_group", Json.string(compute, "resourceGroupName"))
			.cloud("instance.id", Json.string(compute, "vmId"))
			.cloud("machine.type", Json.string(compute, "vmSize"))
			.cloud("platform", "vm")
			.cloud("metadata_source", "Azure IMDS");
		metadata.host("name", Json.string(compute, "name"));
		Map<String, Object> address = Json.firstObject(
				Json.object(Json.firstObject(Json.object(document, "network"), "interface"), "ipv4"), "ipAddress");
		metadata.host("ip", Json.string(address, "privateIpAddress"));
		metadata.host("public_ip", Json.string(address, "publicIpAddress"));
		return metadata;
	}

}
