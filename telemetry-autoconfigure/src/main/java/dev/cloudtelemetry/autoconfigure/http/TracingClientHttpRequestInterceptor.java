package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * Traces the calls of a {@code RestTemplate}, and of a {@code RestClient} whose request factory cannot be
 * wrapped in a {@link TracingClientHttpRequestFactory}: a client span per exchange, child of the current
 * span, with {@code traceparent} added to the request. The response ends the span when its status is
 * known; reading the body is not part of the span. Any interceptor makes Spring buffer each request in an
 * intercepting request of its own (about 2.3 KB per call), which the request factory avoids.
 */
public final class TracingClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final Supplier<HttpClientTracer> tracer;

	/**
	 * @param tracer supplies the tracer lazily, so that post-processing clients does not create the output
	 */
	public TracingClientHttpRequestInterceptor(Supplier<HttpClientTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		return BlockingExchanges.trace(this.tracer.get(), request, () -> execution.execute(request, body));
	}

	/**
	 * Whether a list of interceptors already traces.
	 * @param interceptors the interceptors of a client or builder
	 * @return whether one of them is a {@link TracingClientHttpRequestInterceptor}
	 */
	static boolean isPresent(List<ClientHttpRequestInterceptor> interceptors) {
		return interceptors.stream().anyMatch(TracingClientHttpRequestInterceptor.class::isInstance);
	}

}
