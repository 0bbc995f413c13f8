package dev.cloudtelemetry.metadata.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
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
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The SDK's IMDS client over {@link MetadataHttpClient}: no proxy, short timeouts, bounded bodies, and a
 * token request that times out reported in words people can act on. Lighter than any SDK HTTP client and
 * needs no other SDK module.
 */
final class BoundedSdkHttpClient implements SdkHttpClient {

	static final String TOKEN_PATH = ImdsDetection.TOKEN_PATH;

	private final MetadataHttpClient http;

	BoundedSdkHttpClient(MetadataHttpClient http) {
		this.http = http;
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
		Map<String, String> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name, values.get(0));
			}
		});
		Response response;
		try {
			response = this.http.send(request.method().name(), request.getUri(), headers);
		}
		catch (SocketTimeoutException ex) {
			if (TOKEN_PATH.equals(request.encodedPath())) {
				throw new IOException(tokenTimeout(this.http));
			}
			throw ex;
		}
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

	static String tokenTimeout(MetadataHttpClient http) {
		return ImdsDetection.tokenTimeout(http);
	}

	@Override
	public String clientName() {
		return "telemetry-bounded";
	}

	@Override
	public void close() {
	}

}
