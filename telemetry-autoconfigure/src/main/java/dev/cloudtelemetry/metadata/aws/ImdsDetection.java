package dev.cloudtelemetry.metadata.aws;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudtelemetry.metadata.DeferredCloudProbe;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Whether EC2's instance metadata service answers, asked with an IMDSv2 token request of our own: cheap, and it
 * tells within the connect timeout. Kept apart from {@link Ec2MetadataProbe} so that it runs before the AWS
 * bundle is even extracted: off EC2 (connection refused or a timeout) the SDK is never copied or loaded. On
 * EC2 the token it obtained is the one the probe reads the instance with ({@link #call()}), so IMDS is asked
 * for one token per probe, not one for the detection and another for the SDK.
 */
public final class ImdsDetection implements DeferredCloudProbe.Detection, Callable<String> {

	/** IMDSv2's token path. */
	public static final String TOKEN_PATH = "/latest/api/token";

	/** The header of a token request that asks for its lifetime, and of the answer that tells it. */
	static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";

	private final MetadataHttpClient http;

	private final URI endpoint;

	private final AtomicReference<@Nullable String> token = new AtomicReference<>();

	/**
	 * @param http the metadata HTTP client
	 * @param endpoint the IMDS endpoint
	 */
	public ImdsDetection(MetadataHttpClient http, URI endpoint) {
		this.http = http;
		this.endpoint = endpoint;
	}

	/**
	 * Asks IMDS for a token and keeps it for the probe that reads the instance next.
	 * @throws IOException when IMDS does not answer the token request with 200
	 */
	@Override
	public void detect() throws IOException {
		this.token.set(requestToken(this.http, this.endpoint));
	}

	/**
	 * @return the token of the last detection, handed out once; without one, a token requested now
	 * @throws IOException when IMDS does not answer the token request with 200
	 */
	@Override
	public String call() throws IOException {
		String detected = this.token.getAndSet(null);
		return (detected != null) ? detected : requestToken(this.http, this.endpoint);
	}

	/**
	 * @param http the metadata HTTP client
	 * @param endpoint the IMDS endpoint
	 * @return the token, valid for 60 seconds
	 * @throws IOException when IMDS does not answer the token request with 200
	 */
	static String requestToken(MetadataHttpClient http, URI endpoint) throws IOException {
		MetadataHttpClient.Response response;
		try {
			response = http.send("PUT", endpoint.resolve(TOKEN_PATH), Map.of(TTL_HEADER, "60"));
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
		return response.body();
	}

	/**
	 * @param http the metadata HTTP client
	 * @return what to tell when IMDS accepted the connection but sent no token in time
	 */
	private static String tokenTimeout(MetadataHttpClient http) {
		return "IMDS token request timed out after " + http.readTimeout().toMillis()
				+ " ms; inside a container raise the hop limit to 2 (aws ec2 modify-instance-metadata-options"
				+ " --http-put-response-hop-limit 2)";
	}

}
