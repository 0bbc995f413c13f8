package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * The span of one exchange of a {@code RestTemplate} or {@code RestClient}, shared by the traced request
 * factory and the interceptor: a client span, child of the current span, with {@code traceparent} added to
 * the request's headers; the response ends it when its status is known, an exception fails it.
 */
final class BlockingExchanges {

	private BlockingExchanges() {
	}

	/**
	 * Sends a request, traced.
	 * @param tracer the tracer
	 * @param request the request about to be sent; its headers are changed in place
	 * @param exchange sends it
	 * @return the response
	 * @throws IOException what sending threw, unchanged
	 */
	static ClientHttpResponse trace(HttpClientTracer tracer, HttpRequest request, Exchange exchange)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		boolean recordsHeaders = tracer.recordsHeaders();
		Span span = tracer.start(CurrentSpan.get(), request.getMethod().name(), request.getURI(),
				headers.getFirst(HttpHeaders.USER_AGENT), recordsHeaders ? HeaderValues.of(headers) : null);
		tracer.inject(span, HeaderValues.of(headers), headers::set);
		try {
			ClientHttpResponse response = exchange.proceed();
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
	 * Sends the request and returns the response.
	 */
	@FunctionalInterface
	interface Exchange {

		ClientHttpResponse proceed() throws IOException;

	}

}
