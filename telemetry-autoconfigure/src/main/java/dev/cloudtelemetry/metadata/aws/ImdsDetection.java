package dev.cloudtelemetry.metadata.aws;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.MetadataHttpClient;

/**
 * Whether EC2's instance metadata service answers, asked with an IMDSv2 token request of our own: cheap, and it
 * tells within the connect timeout. Kept apart from {@link Ec2MetadataProbe} so that it runs before the AWS
 * bundle is even extracted: off EC2 (connection refused or a timeout) the SDK is never copied or loaded.
 */
public final class ImdsDetection {

	/** IMDSv2's token path. */
	public static final String TOKEN_PATH = "/latest/api/token";

	private ImdsDetection() {
	}

	/**
	 * @param http the metadata HTTP client
	 * @param endpoint the IMDS endpoint
	 * @throws IOException when IMDS does not answer the token request with 200
	 */
	public static void detect(MetadataHttpClient http, URI endpoint) throws IOException {
		MetadataHttpClient.Response response;
		try {
			response = http.send("PUT", endpoint.resolve(TOKEN_PATH), Map.of("X-aws-ec2-metadata-token-ttl-seconds",
					"60"));
		}
		catch (SocketTimeoutException ex) {
			if (ex.getMessage() != null && ex.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
				throw ex;
			}
			throw new PlainFailure(tokenTimeout(http));
		}
		if (!response.isOk()) {
			throw new PlainFailure("IMDS token request answered HTTP " + response.status());
		}
	}

	/**
	 * @param http the metadata HTTP client
	 * @return what to tell when IMDS accepted the connection but sent no token in time
	 */
	public static String tokenTimeout(MetadataHttpClient http) {
		return "IMDS token request timed out after " + http.readTimeout().toMillis()
				+ " ms; inside a container raise the hop limit to 2 (aws ec2 modify-instance-metadata-options"
				+ " --http-put-response-hop-limit 2)";
	}

}
