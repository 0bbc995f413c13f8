package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * Traces the calls of a {@code RestTemplate} or {@code RestClient}: a client span per exchange, child of
 * the current span, with {@code traceparent} added to the request. The response ends the span when its
 * status is known; reading the body is not part of the span.
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
		HttpClientTracer tracer = this.tracer.get();
		HttpHeaders headers = request.getHeaders();
		boolean recordsHeaders = tracer.recordsHeaders();
		Span span = tracer.start(CurrentSpan.get(), request.getMethod().name(), request.getURI(),
				headers.getFirst(HttpHeaders.USER_AGENT), recordsHeaders ? HeaderValues.of(headers) : null);
		tracer.inject(span, HeaderValues.of(headers), headers::set);
		try {
			ClientHttpResponse response = execution.execute(request, body);
			tracer.end(span, response.getStatusCode().value(),
					recordsHeaders ? HeaderValues.of(response.getHeaders()) : null);
			return response;
		}
		catch (IOException | RuntimeException | Error ex) {
			tracer.fail(span, ex);
			throw ex;
		}
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
