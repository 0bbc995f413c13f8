package dev.cloudtelemetry.metadata.aws;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.FakeClouds;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class EcsMetadataProbeTests {

	// generous: these tests are about what is read, not about time
	private final MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	private final MetadataHttpClient fast = new MetadataHttpClient(Duration.ofMillis(200), Duration.ofMillis(200),
			MetadataHttpClient.DEFAULT_MAX_BYTES);

	@Test
	void ec2LaunchTypeTaskIsDescribed() throws IOException {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			String uri = FakeClouds.ecs(server, "ec2");
			CloudMetadata metadata = new EcsMetadataProbe(this.http,
					Map.of("ECS_CONTAINER_METADATA_URI_V4", uri)::get)
				.probe(() -> {
			});
			assertThat(metadata.cloud()).containsEntry("provider", "aws")
				.containsEntry("region", "us-west-2")
				.containsEntry("availability_zone", "us-west-2d")
				.containsEntry("account.id", "111122223333")
				.containsEntry("platform", "ecs")
				.containsEntry("ecs.launch_type", "EC2")
				.containsEntry("ecs.cluster", "default")
				.containsEntry("ecs.task.arn",
						"arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c")
				.containsEntry("ecs.task.family", "curltest")
				.containsEntry("ecs.task.revision", "26")
				.containsEntry("ecs.container.arn",
						"arn:aws:ecs:us-west-2:111122223333:container/0206b271-b33f-47ab-86c6-a0ba208a70a9")
				.containsEntry("container.id", "ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66")
				.containsEntry("container.image.name", "111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest")
				.containsEntry("metadata_source", "ECS metadata v4");
			assertThat(metadata.host()).containsEntry("ip", "10.0.2.100");
		}
	}

	@Test
	void fargateTaskIsEcsWithFargateLaunchType() throws IOException {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			String uri = FakeClouds.ecs(server, "fargate");
			CloudMetadata metadata = new EcsMetadataProbe(this.http,
					Map.of("ECS_CONTAINER_METADATA_URI_V4", uri + "/")::get)
				.probe(() -> {
			});
			assertThat(metadata.cloud()).containsEntry("platform", "ecs")
				.containsEntry("ecs.launch_type", "FARGATE")
				.containsEntry("ecs.cluster", "arn:aws:ecs:us-west-2:111122223333:cluster/default")
				.containsEntry("availability_zone", "us-west-2a")
				.containsEntry("ecs.task.revision", "3");
		}
	}

	@Test
	void withoutTheVariableItIsNotEcs() throws IOException {
		assertThat(new EcsMetadataProbe(this.http, (name) -> null).probe(() -> {
			})).isNull();
	}

	@Test
	void garbageIsAFailureNotACrash() {
		try (FakeMetadataServer server = new FakeMetadataServer()) {
			server.handle("/", (exchange) -> FakeMetadataServer.respond(exchange, 200, "[1,2,"));
			assertThatException()
				.isThrownBy(() -> new EcsMetadataProbe(this.http,
						Map.of("ECS_CONTAINER_METADATA_URI_V4", server.url() + "/v4/x")::get)
					.probe(() -> {
			}))
				.withMessageContaining("did not answer a JSON object");
		}
	}

	@Test
	void lambdaIsRecognisedFromItsEnvironment() {
		Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
				"AWS_REGION", "eu-west-1");
		CloudMetadata metadata = new LambdaProbe(env::get).probe(() -> {
			});
		assertThat(metadata.cloud()).containsEntry("provider", "aws")
			.containsEntry("region", "eu-west-1")
			.containsEntry("faas.name", "orders")
			.containsEntry("platform", "lambda")
			.containsEntry("metadata_source", "env");
		assertThat(new LambdaProbe((name) -> null).probe(() -> {
			})).isNull();
	}

	@Test
	void regionFallsBackToDefaultRegionVariable() {
		CloudMetadata metadata = new AwsEnvironmentProbe(Map.of("AWS_DEFAULT_REGION", "ap-south-1")::get).probe(() -> {
			});
		assertThat(metadata.cloud()).containsExactly(Map.entry("provider", "aws"), Map.entry("region", "ap-south-1"),
				Map.entry("metadata_source", "env"));
		assertThat(new AwsEnvironmentProbe((name) -> null).probe(() -> {
			})).isNull();
	}

	@Test
	void anAgentThatNeverAnswersTimesOut() throws Exception {
		try (FakeMetadataServer.Silent silent = new FakeMetadataServer.Silent()) {
			assertThatException()
				.isThrownBy(() -> new EcsMetadataProbe(this.fast,
						Map.of("ECS_CONTAINER_METADATA_URI_V4", silent.url() + "/v4/x")::get)
					.probe(() -> {
					}))
				.isInstanceOf(java.net.SocketTimeoutException.class);
		}
	}

}
