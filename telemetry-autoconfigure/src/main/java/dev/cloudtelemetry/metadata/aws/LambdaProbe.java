package dev.cloudtelemetry.metadata.aws;

import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;

/**
 * AWS Lambda, recognised from the variables the Lambda runtime sets; no network.
 */
public final class LambdaProbe implements CloudProbe {

	/** Set by AWS Lambda in every function's environment. */
	public static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

	/**
	 * Whether the process runs as an AWS Lambda function: Lambda freezes it as soon as an invocation returns,
	 * so events still queued then wait for the next invocation, or are lost with the environment.
	 * @param environment the environment variables
	 * @return whether {@value #FUNCTION_NAME_VARIABLE} is set
	 */
	public static boolean runsOnLambda(UnaryOperator<String> environment) {
		String function = environment.apply(FUNCTION_NAME_VARIABLE);
		return function != null && !function.isBlank();
	}

	private final UnaryOperator<String> environment;

	public LambdaProbe(UnaryOperator<String> environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return "aws-lambda";
	}

	@Override
	public boolean isSpeculative() {
		return false;
	}

	@Override
	public CloudMetadata probe(Runnable detected) {
		String function = this.environment.apply(FUNCTION_NAME_VARIABLE);
		if (function == null || function.isBlank()) {
			return null;
		}
		return new CloudMetadata("aws").cloud("region", AwsEnvironmentProbe.region(this.environment))
			.cloud("faas.name", function)
			.cloud("faas.version", this.environment.apply("AWS_LAMBDA_FUNCTION_VERSION"))
			.cloud("faas.max_memory", this.environment.apply("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"))
			.cloud("faas.instance", this.environment.apply("AWS_LAMBDA_LOG_STREAM_NAME"))
			.cloud("platform", "lambda")
			.cloud("metadata_source", "env");
	}

}
