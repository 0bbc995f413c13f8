package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.ReactorSpans;
import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * Traces the exchanges of a {@code WebClient}: the span starts when the exchange is subscribed to, as a
 * child of the span in the Reactor context (or of the current span), and ends with the response, the
 * error, or the cancellation.
 */
public final class TracingExchangeFilterFunction implements ExchangeFilterFunction {

	private final Supplier<HttpClientTracer> tracer;

	/**
	 * @param tracer supplies the tracer lazily
	 */
	public TracingExchangeFilterFunction(Supplier<HttpClientTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			HttpClientTracer tracer = this.tracer.get();
			Span span = tracer.start(ReactorSpans.current(context), request.method().name(), request.url(),
					request.headers().getFirst(HttpHeaders.USER_AGENT),
					tracer.recordsHeaders() ? HeaderValues.of(request.headers()) : null);
			ClientRequest traced = ClientRequest.from(request)
				.headers((headers) -> tracer.inject(span, HeaderValues.of(headers), headers::set))
				.build();
			AtomicBoolean ended = new AtomicBoolean();
			return next.exchange(traced).doOnNext((response) -> {
				if (ended.compareAndSet(false, true)) {
					tracer.end(span, response.statusCode().value(),
							tracer.recordsHeaders() ? HeaderValues.of(response.headers().asHttpHeaders()) : null);
				}
			}).doOnError((error) -> {
				if (ended.compareAndSet(false, true)) {
					tracer.fail(span, error);
				}
			}).doOnCancel(() -> {
				if (ended.compareAndSet(false, true)) {
					tracer.cancel(span);
				}
			});
		});
	}

	/**
	 * Whether a list of filters already traces.
	 * @param filters the filters of a client or builder
	 * @return whether one of them is a {@link TracingExchangeFilterFunction}
	 */
	static boolean isPresent(List<ExchangeFilterFunction> filters) {
		return filters.stream().anyMatch(TracingExchangeFilterFunction.class::isInstance);
	}

}
