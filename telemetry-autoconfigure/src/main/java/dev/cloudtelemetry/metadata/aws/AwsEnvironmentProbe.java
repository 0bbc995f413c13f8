package dev.cloudtelemetry.metadata.aws;

import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;

/**
 * Last resort on AWS when no metadata service answered (IMDS blocked, hop limit 1 in a pod): the region
 * from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}. The platform is decided later ({@code eks} in
 * Kubernetes).
 */
public final class AwsEnvironmentProbe implements CloudProbe {

	private final UnaryOperator<String> environment;

	public AwsEnvironmentProbe(UnaryOperator<String> environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return "aws-env";
	}

	@Override
	public boolean isSpeculative() {
		return false;
	}

	@Override
	public CloudMetadata probe(Runnable detected) {
		String region = region(this.environment);
		if (region == null) {
			return null;
		}
		return new CloudMetadata("aws").cloud("region", region).cloud("metadata_source", "env");
	}

	static String region(UnaryOperator<String> environment) {
		String region = environment.apply("AWS_REGION");
		if (region == null || region.isBlank()) {
			region = environment.apply("AWS_DEFAULT_REGION");
		}
		return (region != null && !region.isBlank()) ? region.trim() : null;
	}

}
