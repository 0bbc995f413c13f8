package dev.cloudtelemetry.metadata.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.Failures.PlainFailure;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

/**
 * Amazon EC2 through IMDSv2 only, with the AWS SDK's {@code imds} client: a session token first (PUT with
 * the TTL header; the SDK's client is handed that token rather than asking for another), then the instance
 * identity document, the host name and the addresses. No retries: a
 * machine that is not on EC2 must not wait.
 */
public final class Ec2MetadataProbe implements CloudProbe {

	/** The documented IMDS address. */
	public static final String DEFAULT_ENDPOINT = "http://169.254.169.254";

	/** The probe's name. */
	public static final String NAME = "aws-ec2";

	private final MetadataHttpClient http;

	private final URI endpoint;

	private final Callable<String> token;

	/**
	 * A probe that asks IMDS for its token itself.
	 * @param http the metadata HTTP client
	 * @param endpoint the IMDS endpoint
	 */
	public Ec2MetadataProbe(MetadataHttpClient http, String endpoint) {
		this(http, endpoint, new ImdsDetection(http, URI.create(endpoint)));
	}

	/**
	 * @param http the metadata HTTP client
	 * @param endpoint the IMDS endpoint
	 * @param token gives the IMDSv2 token the instance is read with: the one an {@link ImdsDetection} has just
	 * obtained, or one requested then
	 */
	public Ec2MetadataProbe(MetadataHttpClient http, String endpoint, Callable<String> token) {
		this.http = http;
		this.endpoint = URI.create(endpoint);
		this.token = token;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CloudMetadata probe(Runnable detected) throws Exception {
		// a token of our own before the SDK is used: cheap, and it tells within the connect timeout whether IMDS
		// is there, while a cold SDK may take longer than that to send its first byte
		String sessionToken = this.token.call();
		detected.run();
		try (Ec2MetadataClient client = Ec2MetadataClient.builder()
			.httpClient(new BoundedSdkHttpClient(this.http, sessionToken))
			.endpoint(this.endpoint)
			.tokenTtl(Duration.ofSeconds(60))
			.retryPolicy(Ec2MetadataRetryPolicy.none())
			.build()) {
			Map<String, Object> identity = Json
				.parseObject(client.get("/latest/dynamic/instance-identity/document").asString());
			if (identity == null || Json.string(identity, "instanceId") == null) {
				throw new PlainFailure("IMDS instance identity document is not valid JSON");
			}
			CloudMetadata metadata = new CloudMetadata("aws").cloud("region", Json.string(identity, "region"))
				.cloud("availability_zone", Json.string(identity, "availabilityZone"))
				.cloud("account.id", Json.string(identity, "accountId"))
				.cloud("instance.id", Json.string(identity, "instanceId"))
				.cloud("machine.type", Json.string(identity, "instanceType"))
				.cloud("image.id", Json.string(identity, "imageId"))
				.cloud("platform", "ec2")
				.cloud("metadata_source", "IMDSv2");
			metadata.host("name", optional(client, "/latest/meta-data/hostname"));
			metadata.host("ip", optional(client, "/latest/meta-data/local-ipv4"));
			metadata.host("public_ip", optional(client, "/latest/meta-data/public-ipv4"));
			return metadata;
		}
	}

	private static String optional(Ec2MetadataClient client, String path) {
		try {
			String value = client.get(path).asString();
			// a value, not a page: IMDS answers a line or two here
			return (value != null && value.length() < 256 && !value.contains("<")) ? value.trim() : null;
		}
		catch (RuntimeException ex) {
			// 404 when the instance has no public address
			return null;
		}
	}

}
