package dev.cloudtelemetry.redact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.actuate.TelemetryEndpoint;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.actuate.TelemetryEndpointAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.http.HttpRedactionAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.jdbc.JdbcRedactionAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.metadata.MetadataAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.kubernetes.FakeKubernetesApi;
import dev.cloudtelemetry.redact.SecretCorpus.Secret;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod-metadata channel of the secret corpus, through the real Kubernetes provider: the Kubernetes API
 * fake serves a pod whose annotations hold every secret of the {@link SecretCorpus}, a
 * {@code kubectl.kubernetes.io/last-applied-configuration} with a secret in a container's environment, an
 * annotation and a label named like secrets, and the starter reads it over TLS as in a cluster. No line
 * written, nor the endpoint's answer, may hold any of them.
 */
class PodMetadataSecretCorpusTests {

	private static final String POD = "/api/v1/namespaces/payments/pods/payment-api-7b8c9d-xyz123";

	/** Plain values that only their place marks as secret: no pattern would recognize them. */
	private static final List<String> PLAIN_SECRETS = List.of("lastAppliedEnvValue7731", "annotationByName4412",
			"labelByName5531");

	@TempDir
	Path directory;

	@Test
	void noSecretInThePodsMetadataReachesTheOutputOrTheEndpoint() throws Exception {
		Path output = this.directory.resolve("telemetry.jsonl");
		AtomicReference<String> endpoint = new AtomicReference<>();
		try (FakeKubernetesApi api = new FakeKubernetesApi()) {
			api.answer(POD, plantSecrets(api.document(POD)));
			Path serviceAccount = api.serviceAccount(this.directory.resolve("serviceaccount"), FakeKubernetesApi.TOKEN);
			String closed = FakeMetadataServer.closedPortUrl();
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class,
						MetadataAutoConfiguration.class, TelemetryEndpointAutoConfiguration.class,
						HttpRedactionAutoConfiguration.class, JdbcRedactionAutoConfiguration.class))
				.withPropertyValues("telemetry.output.path=" + output, "telemetry.output.metadata-wait=20s",
						"management.endpoints.web.exposure.include=telemetry", "telemetry.endpoint.show-values=always",
						"telemetry.metadata.cache.enabled=false", "telemetry.metadata.aws.imds-endpoint=" + closed,
						"telemetry.metadata.gcp.endpoint=" + closed, "telemetry.metadata.azure.endpoint=" + closed,
						"telemetry.metadata.kubernetes.service-account-path=" + serviceAccount,
						"telemetry.metadata.kubernetes.timeout=10s", "telemetry.metadata.kubernetes.annotations.max-value-length=4096",
						"KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=" + api.port(),
						"HOSTNAME=payment-api-7b8c9d-xyz123", "K8S_POD_NAME=", "POD_NAME=", "K8S_CONTAINER_NAME=",
						"CONTAINER_NAME=", "ECS_CONTAINER_METADATA_URI_V4=", "AWS_LAMBDA_FUNCTION_NAME=", "AWS_REGION=",
						"AWS_DEFAULT_REGION=", "K_SERVICE=", "AWS_EC2_METADATA_SERVICE_ENDPOINT=")
				.run((context) -> {
					// the pod was read: its ordinary annotation is there
					assertThat(context.getBean(ResourceResolver.class).get().k8s()).containsKey("pod_annotations");
					MethodTracer tracer = new MethodTracer(context.getBean(EventSink.class),
							context.getBean(SpanFactory.class), Severity.INFO, 0, false, "payment-api");
					tracer.exit(tracer.enter(new MethodInfo("PaymentService.pay", "com.example.PaymentService", "pay",
							"", Severity.INFO, ReturnKind.SYNCHRONOUS), null), null);
					endpoint.set(JsonMapper.builder()
						.build()
						.writeValueAsString(context.getBean(TelemetryEndpoint.class).telemetry(SecurityContext.NONE)));
				});
		}
		List<JsonNode> lines = TelemetrySchema.readValidated(output);
		assertThat(lines).isNotEmpty().allSatisfy((line) -> {
			JsonNode annotations = line.get("k8s").get("pod_annotations");
			assertThat(annotations.get("example.com/team").asString()).isEqualTo("payments");
			assertThat(annotations.has("kubectl.kubernetes.io/last-applied-configuration")).isFalse();
		});
		assertThat(endpoint.get()).contains("payment-api-7b8c9d-xyz123");
		String written = Files.readString(output);
		List<String> leaks = new ArrayList<>();
		for (Secret secret : SecretCorpus.ALL) {
			if (written.contains(secret.needle())) {
				leaks.add(secret.needle() + " in the output");
			}
			if (endpoint.get().contains(secret.needle())) {
				leaks.add(secret.needle() + " at the endpoint");
			}
		}
		for (String plain : PLAIN_SECRETS) {
			if (written.contains(plain)) {
				leaks.add(plain + " in the output");
			}
			if (endpoint.get().contains(plain)) {
				leaks.add(plain + " at the endpoint");
			}
		}
		assertThat(leaks).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static String plantSecrets(String pod) {
		Map<String, Object> document = Json.parseObject(pod);
		Map<String, Object> metadata = (Map<String, Object>) document.get("metadata");
		Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) metadata.get("annotations"));
		annotations.put("example.com/team", "payments");
		for (int i = 0; i < SecretCorpus.ALL.size(); i++) {
			annotations.put("example.com/note-" + i, SecretCorpus.ALL.get(i).text());
		}
		annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{\"apiVersion\":\"apps/v1\","
				+ "\"kind\":\"Deployment\",\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"payment-api\","
				+ "\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"" + PLAIN_SECRETS.get(0) + "\"}]}]}}}}");
		annotations.put("example.com/db-password", PLAIN_SECRETS.get(1));
		metadata.put("annotations", annotations);
		Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) metadata.get("labels"));
		labels.put("example.com/deploy-token", PLAIN_SECRETS.get(2));
		metadata.put("labels", labels);
		return Json.write(document);
	}

}
