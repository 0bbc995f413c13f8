package dev.cloudtelemetry.metadata.aws;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.MetadataHttpClient.Response;

/**
 * Amazon ECS (EC2 and Fargate launch types) through the task metadata endpoint v4 that the agent
 * announces in {@code ECS_CONTAINER_METADATA_URI_V4}: the container document and {@code /task}.
 */
public final class EcsMetadataProbe implements CloudProbe {

	static final String URI_VARIABLE = "ECS_CONTAINER_METADATA_URI_V4";

	private final MetadataHttpClient http;

	private final UnaryOperator<String> environment;

	public EcsMetadataProbe(MetadataHttpClient http, UnaryOperator<String> environment) {
		this.http = http;
		this.environment = environment;
	}

	@Override
	public String name() {
		return "aws-ecs";
	}

	@Override
	public boolean isSpeculative() {
		return false;
	}

	@Override
	public CloudMetadata probe(Runnable detected) throws IOException {
		String base = this.environment.apply(URI_VARIABLE);
		if (base == null || base.isBlank()) {
			return null;
		}
		base = base.trim();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		Map<String, Object> container = document(URI.create(base));
		Map<String, Object> task = document(URI.create(base + "/task"));
		String taskArn = Json.string(task, "TaskARN");
		String zone = Json.string(task, "AvailabilityZone");
		String launchType = Json.string(task, "LaunchType");
		CloudMetadata metadata = new CloudMetadata("aws").cloud("region", region(taskArn, zone))
			.cloud("availability_zone", zone)
			.cloud("account.id", arnPart(taskArn, 4))
			.cloud("platform", "ecs")
			.cloud("ecs.launch_type", launchType)
			.cloud("ecs.cluster", Json.string(task, "Cluster"))
			.cloud("ecs.task.arn", taskArn)
			.cloud("ecs.task.family", Json.string(task, "Family"))
			.cloud("ecs.task.revision", Json.string(task, "Revision"))
			.cloud("ecs.container.arn", Json.string(container, "ContainerARN"))
			.cloud("container.id", Json.string(container, "DockerId"))
			.cloud("container.name", Json.string(container, "Name"))
			.cloud("container.image.name", Json.string(container, "Image"))
			.cloud("metadata_source", "ECS metadata v4");
		Map<String, Object> network = Json.firstObject(container, "Networks");
		Object addresses = (network != null) ? network.get("IPv4Addresses") : null;
		if (addresses instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof String ip) {
			metadata.host("ip", ip);
		}
		return metadata;
	}

	private Map<String, Object> document(URI uri) throws IOException {
		Response response = this.http.get(uri, Map.of());
		if (!response.isOk()) {
			throw new PlainFailure("ECS task metadata endpoint answered HTTP " + response.status() + " for "
					+ uri.getPath());
		}
		Map<String, Object> document = Json.parseObject(response.body());
		if (document == null) {
			throw new PlainFailure("ECS task metadata endpoint did not answer a JSON object for " + uri.getPath());
		}
		return document;
	}

	private static String region(String taskArn, String zone) {
		String region = arnPart(taskArn, 3);
		if (region == null && zone != null && zone.length() > 1) {
			region = zone.substring(0, zone.length() - 1);
		}
		return region;
	}

	/** arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c. */
	private static String arnPart(String arn, int index) {
		if (arn == null) {
			return null;
		}
		String[] parts = arn.split(":", 6);
		return (parts.length > index && !parts[index].isBlank()) ? parts[index] : null;
	}

}
