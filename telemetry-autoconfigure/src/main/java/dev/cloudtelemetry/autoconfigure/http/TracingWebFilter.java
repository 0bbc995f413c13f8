package dev.cloudtelemetry.autoconfigure.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.ReactorSpans;
import dev.cloudtelemetry.instrument.http.HttpServerTracer;
import dev.cloudtelemetry.instrument.http.HttpServerTracer.IncomingRequest;

/**
 * Makes every WebFlux exchange a server span. The span is written into the Reactor context (from where
 * automatic context propagation restores it as the current span, and {@code WebClient} finds its parent)
 * and is current while the chain is subscribed to, which covers handlers that run synchronously.
 */
public final class TracingWebFilter implements WebFilter, Ordered {

	/** Early, so that other filters' work is inside the span. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final Supplier<HttpServerTracer> tracer;

	/**
	 * @param tracer supplies the tracer lazily
	 */
	public TracingWebFilter(Supplier<HttpServerTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.defer(() -> {
			HttpServerTracer tracer = this.tracer.get();
			ServerHttpRequest request = exchange.getRequest();
			Span span = tracer.start(incoming(request), HeaderValues.of(request.getHeaders()));
			AtomicBoolean ended = new AtomicBoolean();
			return new CurrentDuringSubscribe(chain.filter(exchange), span).doOnSuccess((done) -> {
				if (ended.compareAndSet(false, true)) {
					end(tracer, span, exchange, null);
				}
			}).doOnError((error) -> {
				if (ended.compareAndSet(false, true)) {
					end(tracer, span, exchange, error);
				}
			}).doOnCancel(() -> {
				if (ended.compareAndSet(false, true)) {
					end(tracer, span, exchange, null);
				}
			}).contextWrite((context) -> context.put(ReactorSpans.KEY, span));
		});
	}

	private static IncomingRequest incoming(ServerHttpRequest request) {
		URI uri = request.getURI();
		InetSocketAddress remote = request.getRemoteAddress();
		String client = null;
		if (remote != null) {
			client = (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		}
		return new IncomingRequest(request.getMethod().name(), uri.toString(), uri.getRawPath(), uri.getHost(),
				uri.getPort(), client);
	}

	private static void end(HttpServerTracer tracer, Span span, ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		int status = (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
		if (error != null) {
			// exception handlers run after the filters: the status they will set
			status = (error instanceof ErrorResponse errorResponse) ? errorResponse.getStatusCode().value() : 500;
		}
		Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		tracer.end(span, status, (route != null) ? route.toString() : null, error,
				HeaderValues.of(response.getHeaders()));
	}

	/**
	 * Makes a span current on the subscribing thread while the source is subscribed to.
	 */
	private static final class CurrentDuringSubscribe extends MonoOperator<Void, Void> {

		private final Span span;

		CurrentDuringSubscribe(Mono<Void> source, Span span) {
			super(source);
			this.span = span;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			Span previous = CurrentSpan.set(this.span);
			try {
				this.source.subscribe(actual);
			}
			finally {
				CurrentSpan.restore(previous);
			}
		}

	}

}
