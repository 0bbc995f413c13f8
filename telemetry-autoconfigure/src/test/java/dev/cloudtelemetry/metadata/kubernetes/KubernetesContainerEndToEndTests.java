package dev.cloudtelemetry.metadata.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import dev.cloudtelemetry.actuate.TelemetryEndpoint;
import dev.cloudtelemetry.actuate.TelemetryEndpoint.TelemetryDescriptor;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.actuate.TelemetryEndpointAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.metadata.MetadataAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.metadata.ContainerSelection;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.test.TelemetrySchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.cloudtelemetry.metadata.kubernetes.JsonEdits.at;
import static dev.cloudtelemetry.metadata.kubernetes.JsonEdits.each;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod with an Istio sidecar listed first, the {@code kubectl.kubernetes.io/default-container} annotation,
 * no {@code K8S_CONTAINER_NAME} and containerd's sandbox mounts: the whole starter, in a Spring context,
 * against the Kubernetes API fake over TLS.
 */
class KubernetesContainerEndToEndTests {

	private static final String POD = "/api/v1/namespaces/payments/pods/payment-api-7b8c9d-xyz123";

	@TempDir
	Path directory;

	private final FakeKubernetesApi api = newApi();

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void theEndpointTellsWhichRuleChoseTheContainerAndTheLinesStayWithinTheSchema() throws Exception {
		this.api.answer(POD, JsonEdits.edit(this.api.document(POD), (pod) -> {
			Collections.reverse(each(pod, "spec", "containers"));
			at(pod, "metadata", "annotations").put("kubectl.kubernetes.io/default-container", "payment-api");
		}));
		Path serviceAccount = this.api.serviceAccount(this.directory.resolve("serviceaccount"),
				FakeKubernetesApi.TOKEN);
		Path output = this.directory.resolve("telemetry.jsonl");
		String closed = FakeMetadataServer.closedPortUrl();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class, MetadataAutoConfiguration.class,
					TelemetryEndpointAutoConfiguration.class))
			.withPropertyValues("telemetry.output.path=" + output, "telemetry.output.metadata-wait=20s",
"management.endpoints.web.exposure.include=telemetry",
					"telemetry.endpoint.show-values=always", "telemetry.metadata.cache.enabled=false",
					"telemetry.metadata.aws.imds-endpoint=" + closed, "telemetry.metadata.gcp.endpoint=" + closed,
					"telemetry.metadata.azure.endpoint=" + closed,
					"telemetry.metadata.kubernetes.service-account-path=" + serviceAccount,
					"telemetry.metadata.kubernetes.timeout=10s",
					"telemetry.metadata.container.cgroup-path=" + Files.writeString(this.directory.resolve("cgroup"),
							"0::/\n"),
					"telemetry.metadata.container.mountinfo-path=" + Files.writeString(
							this.directory.resolve("mountinfo"), "1020 1010 259:1 /var/lib/containerd/io.containerd."
									+ "grpc.v1.cri/sandboxes/" + "5ad0b0c0".repeat(8)
									+ "/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p1 rw\n"),
					"KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=" + this.api.port(),
					"HOSTNAME=payment-api-7b8c9d-xyz123", "K8S_POD_NAME=", "POD_NAME=", "K8S_CONTAINER_NAME=",
					"CONTAINER_NAME=", "ECS_CONTAINER_METADATA_URI_V4=", "AWS_LAMBDA_FUNCTION_NAME=", "AWS_REGION=",
					"AWS_DEFAULT_REGION=", "K_SERVICE=", "AWS_EC2_METADATA_SERVICE_ENDPOINT=")
			.run((context) -> {
				assertThat(context.getBean(ResourceResolver.class).get().k8s()).containsEntry("container.name",
						"payment-api");
				MethodTracer tracer = new MethodTracer(context.getBean(EventSink.class),
						context.getBean(SpanFactory.class), Severity.INFO, 0, false, "payment-api");
				tracer.exit(tracer.enter(new MethodInfo("PaymentService.pay", "com.example.PaymentService", "pay", "",
						Severity.INFO, ReturnKind.SYNCHRONOUS), null), null);
				TelemetryDescriptor descriptor = context.getBean(TelemetryEndpoint.class)
					.telemetry(SecurityContext.NONE);
				assertThat(descriptor.kubernetesContainer())
					.isEqualTo(ContainerSelection.selected("payment-api", "default_container_annotation"));
				JsonNode json = JsonMapper.builder().build().valueToTree(descriptor);
				assertThat(json.get("kubernetesContainer").get("selectedBy").asString())
					.isEqualTo("default_container_annotation");
				assertThat(json.get("kubernetesContainer").get("name").asString()).isEqualTo("payment-api");
			});
		List<JsonNode> lines = TelemetrySchema.readValidated(output);
		assertThat(lines).isNotEmpty().allSatisfy((line) -> {
			JsonNode k8s = line.get("k8s");
			assertThat(k8s.get("container.name").asString()).isEqualTo("payment-api");
			assertThat(k8s.get("container.id").asString()).isEqualTo(KubernetesApiReaderTests.APP_ID);
			assertThat(k8s.get("cpu_request").asString()).isEqualTo("500m");
			assertThat(k8s.properties()).noneMatch((field) -> field.getKey().contains("selected"));
		});
	}

	private static FakeKubernetesApi newApi() {
		try {
			return new FakeKubernetesApi();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
