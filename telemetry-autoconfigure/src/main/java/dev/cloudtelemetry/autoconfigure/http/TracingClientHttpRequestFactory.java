package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.AbstractClientHttpRequestFactoryWrapper;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * Traces the exchanges of the requests another factory creates: a client span around each request's
 * {@code execute()}, as {@link TracingClientHttpRequestInterceptor} does, but without an interceptor, which
 * would make Spring copy every request into a buffering one of its own. A request that streams its body
 * ({@link StreamingHttpOutputMessage}) still does.
 */
final class TracingClientHttpRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final Supplier<HttpClientTracer> tracer;

	private TracingClientHttpRequestFactory(ClientHttpRequestFactory delegate, Supplier<HttpClientTracer> tracer) {
		this.delegate = delegate;
		this.tracer = tracer;
	}

	/**
	 * A factory that traces the requests of another, or that factory itself when it traces already.
	 * @param factory the factory of a client
	 * @param tracer supplies the tracer lazily
	 * @return a factory that traces each exchange once
	 */
	static ClientHttpRequestFactory wrap(ClientHttpRequestFactory factory, Supplier<HttpClientTracer> tracer) {
		return traces(factory) ? factory : new TracingClientHttpRequestFactory(factory, tracer);
	}

	/**
	 * Whether a factory traces, itself or one it delegates to through Spring's wrappers (buffering,
	 * intercepting).
	 * @param factory the factory of a client
	 * @return whether it is, or wraps, a {@link TracingClientHttpRequestFactory}
	 */
	static boolean traces(ClientHttpRequestFactory factory) {
		ClientHttpRequestFactory candidate = factory;
		while (candidate instanceof AbstractClientHttpRequestFactoryWrapper wrapper) {
			candidate = wrapper.getDelegate();
		}
		return candidate instanceof TracingClientHttpRequestFactory;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		ClientHttpRequest request = this.delegate.createRequest(uri, httpMethod);
		return (request instanceof StreamingHttpOutputMessage) ? new StreamingRequest(request, this.tracer)
				: new TracingRequest(request, this.tracer);
	}

	private static class TracingRequest implements ClientHttpRequest, BlockingExchanges.Exchange {

		final ClientHttpRequest delegate;

		private final Supplier<HttpClientTracer> tracer;

		TracingRequest(ClientHttpRequest delegate, Supplier<HttpClientTracer> tracer) {
			this.delegate = delegate;
			this.tracer = tracer;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			return BlockingExchanges.trace(this.tracer.get(), this.delegate, this);
		}

		@Override
		public ClientHttpResponse proceed() throws IOException {
			return this.delegate.execute();
		}

		@Override
		public HttpMethod getMethod() {
			return this.delegate.getMethod();
		}

		@Override
		public URI getURI() {
			return this.delegate.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.delegate.getBody();
		}

	}

	/**
	 * Keeps a streaming request streaming: Spring's message converters write the body through
	 * {@code setBody} when the request offers it, and into {@code getBody()} otherwise. Spring Framework
	 * 7's {@code setBody(byte[])} is left to its default, which calls {@code setBody(Body)}: overriding it
	 * would call a method that 6.2 lacks.
	 */
	private static final class StreamingRequest extends TracingRequest implements StreamingHttpOutputMessage {

		StreamingRequest(ClientHttpRequest delegate, Supplier<HttpClientTracer> tracer) {
			super(delegate, tracer);
		}

		@Override
		public void setBody(Body body) {
			((StreamingHttpOutputMessage) this.delegate).setBody(body);
		}

	}

}
