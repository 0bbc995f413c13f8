package dev.cloudtelemetry.metadata.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.MetadataHttpClient.Response;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The SDK's IMDS client over {@link MetadataHttpClient}: no proxy, short timeouts, bounded bodies, and the
 * SDK's token request answered with the token the probe already holds (IMDS is asked once, see
 * {@link ImdsDetection}). Lighter than any SDK HTTP client and
 * needs no other SDK module.
 */
final class BoundedSdkHttpClient implements SdkHttpClient {

	private final MetadataHttpClient http;

	private final String token;

	/**
	 * @param http the metadata HTTP client
	 * @param token the IMDSv2 token obtained for this probe
	 */
	BoundedSdkHttpClient(MetadataHttpClient http, String token) {
		this.http = http;
		this.token = token;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				return execute(request.httpRequest());
			}

			@Override
			public void abort() {
				// every exchange is bounded by its own timeouts
			}

		};
	}

	private HttpExecuteResponse execute(SdkHttpRequest request) throws IOException {
		if (SdkHttpMethod.PUT == request.method() && ImdsDetection.TOKEN_PATH.equals(request.encodedPath())) {
			// answered as IMDS would, with the token and the lifetime the SDK asked for
			String ttl = request.firstMatchingHeader(ImdsDetection.TTL_HEADER).orElse("60");
			return response(new Response(200, Map.of(ImdsDetection.TTL_HEADER, List.of(ttl)), this.token));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name, values.get(0));
			}
		});
		return response(this.http.send(request.method().name(), request.getUri(), headers));
	}

	private static HttpExecuteResponse response(Response response) {
		Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
		response.headers().forEach((name, values) -> {
			if (name != null) {
				responseHeaders.put(name, values);
			}
		});
		SdkHttpResponse sdkResponse = SdkHttpResponse.builder()
			.statusCode(response.status())
			.headers(responseHeaders)
			.build();
		return HttpExecuteResponse.builder()
			.response(sdkResponse)
			.responseBody(AbortableInputStream
				.create(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))))
			.build();
	}

	@Override
	public String clientName() {
		return "telemetry-bounded";
	}

	@Override
	public void close() {
	}

}
