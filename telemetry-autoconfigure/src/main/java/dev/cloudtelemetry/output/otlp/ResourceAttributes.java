package dev.cloudtelemetry.output.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry resource of an event: its {@code service}, {@code environment}, {@code resource},
 * {@code cloud}, {@code host}, {@code k8s} and {@code process} blocks under semantic-convention names
 * (docs/otlp.md has the table).
 */
final class ResourceAttributes {

	private static final Map<String, String> RESOURCE = Map.of("runtime.name", "process.runtime.name",
			"runtime.version", "process.runtime.version");

	private static final Map<String, String> CLOUD = Map.of("instance.id", "host.id", "machine.type", "host.type",
			"image.id", "host.image.id");

	private static final Map<String, String> K8S = Map.of("container.id", "container.id", "services",
			"k8s.service.names", "pod_labels", "k8s.pod.label", "pod_annotations", "k8s.pod.annotation",
			"namespace_labels", "k8s.namespace.label", "node_labels", "k8s.node.label");

	private static final Map<String, String> PROCESS = Map.of("pid", "process.pid", "executable",
			"process.executable.path", "command_line", "process.command_line");

	/** telemetry.v2 platform names to OpenTelemetry's {@code cloud.platform} values, by provider. */
	private static final Map<String, String> PLATFORMS = Map.ofEntries(Map.entry("aws/ec2", "aws_ec2"),
			Map.entry("aws/eks", "aws_eks"), Map.entry("aws/ecs", "aws_ecs"), Map.entry("aws/lambda", "aws_lambda"),
			Map.entry("aws/elastic_beanstalk", "aws_elastic_beanstalk"), Map.entry("gcp/compute", "gcp_compute_engine"),
			Map.entry("gcp/gke", "gcp_kubernetes_engine"), Map.entry("gcp/cloud_run", "gcp_cloud_run"),
			Map.entry("gcp/app_engine", "gcp_app_engine"), Map.entry("gcp/cloud_functions", "gcp_cloud_functions"),
			Map.entry("azure/vm", "azure_vm"), Map.entry("azure/aks", "azure_aks"),
			Map.entry("azure/container_apps", "azure_container_apps"), Map.entry("azure/functions", "azure_functions"),
			Map.entry("azure/app_service", "azure_app_service"));

	private ResourceAttributes() {
	}

	static Attributes of(Map<String, Object> event, @Nullable String serviceName) {
		AttributesBuilder builder = Attributes.builder();
		if (event.get("service") instanceof Map<?, ?> service) {
			SpanMapper.put(builder, "service.name", service.get("name"));
			SpanMapper.put(builder, "service.version", service.get("version"));
		}
		if (serviceName != null) {
			builder.put("service.name", serviceName);
		}
		SpanMapper.put(builder, "deployment.environment.name", event.get("environment"));
		block(event, "resource").forEach((key, value) -> SpanMapper.put(builder, RESOURCE.getOrDefault(String.valueOf(key), String.valueOf(key)), value));
		builder.put("telemetry.sdk.language", "java");
		Map<?, ?> cloud = block(event, "cloud");
		Object provider = cloud.get("provider");
		cloud.forEach((key, value) -> {
			if ("provider".equals(key)) {
				if (!"local".equals(value)) {
					SpanMapper.put(builder, "cloud.provider", value);
				}
			}
			else if ("platform".equals(key)) {
				// null (allowed by the schema) means unknown: no "aws_null"
				if (value != null) {
					String platform = provider + "/" + value;
					builder.put("cloud.platform", PLATFORMS.getOrDefault(platform, provider + "_" + value));
				}
			}
			else {
				SpanMapper.put(builder, CLOUD.getOrDefault(String.valueOf(key), "cloud." + key), value);
			}
		});
		Map<?, ?> host = block(event, "host");
		List<String> addresses = new ArrayList<>();
		host.forEach((key, value) -> {
			if ("ip".equals(key) || "public_ip".equals(key)) {
				if (value instanceof String address) {
					addresses.add(address);
				}
			}
			else {
				SpanMapper.put(builder, "host." + key, value);
			}
		});
		if (!addresses.isEmpty()) {
			builder.put(AttributeKey.stringArrayKey("host.ip"), addresses);
		}
		block(event, "k8s").forEach((key, value) -> {
			String name = K8S.get(String.valueOf(key));
			if (value instanceof Map<?, ?> map) {
				SpanMapper.put(builder, map, ((name != null) ? name : "k8s." + key) + ".");
			}
			else {
				SpanMapper.put(builder, (name != null) ? name : "k8s." + key, value);
			}
		});
		block(event, "process").forEach((key, value) -> SpanMapper.put(builder, PROCESS.getOrDefault(String.valueOf(key), "process." + key), value));
		return builder.build();
	}

	private static Map<?, ?> block(Map<String, Object> event, String name) {
		return (event.get(name) instanceof Map<?, ?> map) ? map : Map.of();
	}

}
