package dev.cloudtelemetry.autoconfigure.metadata;

import java.util.Set;

import dev.cloudtelemetry.metadata.IsolatedLibraries;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The two platform libraries the starter carries inside its jar instead of on the application's class path
 * (see {@link IsolatedLibraries}), and the conditions that ask whether they are there.
 */
final class MetadataLibraries {

	static final String EC2_PROBE = "dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe";

	static final String KUBERNETES_API_READER = "dev.cloudtelemetry.metadata.kubernetes.KubernetesApiReader";

	/** The AWS SDK's IMDS client with the parts of the SDK it needs. */
	static final IsolatedLibraries AWS = new IsolatedLibraries("aws", "software.amazon.awssdk.imds.Ec2MetadataClient",
			Set.of(EC2_PROBE, "dev.cloudtelemetry.metadata.aws.BoundedSdkHttpClient"));

	/** The generated Kubernetes API of client-java, with OkHttp, Okio, Kotlin and Gson. */
	static final IsolatedLibraries KUBERNETES = new IsolatedLibraries("kubernetes",
			"io.kubernetes.client.openapi.ApiClient", Set.of(KUBERNETES_API_READER,
					"dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects",
					"dev.cloudtelemetry.metadata.kubernetes.ContainerSelector"));

	private MetadataLibraries() {
	}

	private static ConditionOutcome outcome(IsolatedLibraries libraries, String what, ConditionContext context) {
		return libraries.isAvailable(context.getClassLoader())
				? ConditionOutcome.match(what + " packaged in the starter or on the class path")
				: ConditionOutcome.noMatch(what + " neither packaged in the starter nor on the class path");
	}

	/** Matches when the AWS SDK's IMDS client can be loaded. */
	static final class OnAwsImdsClient extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return outcome(AWS, "AWS SDK IMDS client", context);
		}

	}

	/** Matches when the Kubernetes API client can be loaded. */
	static final class OnKubernetesClient extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return outcome(KUBERNETES, "Kubernetes API client", context);
		}

	}

}
