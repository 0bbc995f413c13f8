package dev.cloudtelemetry.autoconfigure.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
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
import dev.cloudtelemetry.instrument.http.TraceParent;

/**
 * Makes every WebFlux exchange a server span. The span is written into the Reactor context (from where
 * automatic context propagation restores it as the current span, and {@code WebClient} finds its parent)
 * and is current while the chain is subscribed to, which covers handlers that run synchronously.
 */
public final class TracingWebFilter implements WebFilter, Ordered {

	/** Early, so that other filters' work is inside the span. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final Supplier<HttpServerTracer> tracer;

	private final ExcludedPaths excluded;

	/**
	 * @param tracer supplies the tracer lazily
	 */
	public TracingWebFilter(Supplier<HttpServerTracer> tracer) {
		this(tracer, ExcludedPaths.NONE);
	}

	/**
	 * @param tracer supplies the tracer lazily
	 * @param excluded the request paths that are not traced
	 */
	public TracingWebFilter(Supplier<HttpServerTracer> tracer, ExcludedPaths excluded) {
		this.tracer = tracer;
		this.excluded = excluded;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.excluded.matches(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return new ExcludedExchange(exchange, chain);
		}
		return new TracedExchange(exchange, chain, this.tracer);
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
				tracer.recordsHeaders() ? HeaderValues.of(response.getHeaders()) : null);
	}

	/**
	 * The exchange as one operator: on subscription it starts the span, subscribes to the chain with the
	 * span current on the subscribing thread (which covers handlers that run synchronously) and in the
	 * Reactor context (from where automatic context propagation restores it, and {@code WebClient} finds its
	 * parent), and ends the span on completion, error or cancellation, once. One operator and one
	 * subscriber instead of a chain of peeking operators keeps the cost per request small.
	 */
	private static final class TracedExchange extends Mono<Void> {

		private final ServerWebExchange exchange;

		private final WebFilterChain chain;

		private final Supplier<HttpServerTracer> tracer;

		TracedExchange(ServerWebExchange exchange, WebFilterChain chain, Supplier<HttpServerTracer> tracer) {
			this.exchange = exchange;
			this.chain = chain;
			this.tracer = tracer;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			HttpServerTracer tracer = this.tracer.get();
			ServerHttpRequest request = this.exchange.getRequest();
			HttpHeaders headers = request.getHeaders();
			Span span = tracer.start(incoming(request), headers.getFirst(TraceParent.TRACEPARENT),
					headers.getFirst(TraceParent.TRACESTATE), headers.getFirst(HttpHeaders.USER_AGENT),
					tracer.recordsHeaders() ? HeaderValues.of(headers) : null);
			Mono<Void> handling = this.chain.filter(this.exchange);
			Span previous = CurrentSpan.set(span);
			try {
				handling.subscribe(new EndingSubscriber(actual, tracer, span, this.exchange));
			}
			finally {
				CurrentSpan.restore(previous);
			}
		}

	}

	/**
	 * An exchange of an excluded path: handled with {@link CurrentSpan#EXCLUDED} current and in the Reactor
	 * context, so that nothing it leads to creates a span.
	 */
	private static final class ExcludedExchange extends Mono<Void> {

		private final ServerWebExchange exchange;

		private final WebFilterChain chain;

		ExcludedExchange(ServerWebExchange exchange, WebFilterChain chain) {
			this.exchange = exchange;
			this.chain = chain;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			Span previous = CurrentSpan.set(CurrentSpan.EXCLUDED);
			try {
				this.chain.filter(this.exchange)
					.contextWrite((context) -> context.put(ReactorSpans.KEY, CurrentSpan.EXCLUDED))
					.subscribe(actual);
			}
			finally {
				CurrentSpan.restore(previous);
			}
		}

	}

	/**
	 * Passes the chain's signals on, after ending the span.
	 */
	private static final class EndingSubscriber implements CoreSubscriber<Void>, Subscription {

		private static final AtomicIntegerFieldUpdater<EndingSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(EndingSubscriber.class, "ended");

		private final CoreSubscriber<? super Void> actual;

		private final HttpServerTracer tracer;

		private final Span span;

		private final ServerWebExchange exchange;

		private final Context context;

		private Subscription subscription;

		private volatile int ended;

		EndingSubscriber(CoreSubscriber<? super Void> actual, HttpServerTracer tracer, Span span,
				ServerWebExchange exchange) {
			this.actual = actual;
			this.tracer = tracer;
			this.span = span;
			this.exchange = exchange;
			this.context = actual.currentContext().put(ReactorSpans.KEY, span);
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(Void value) {
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable error) {
			end(error);
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			end(null);
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.subscription.request(n);
		}

		@Override
		public void cancel() {
			end(null);
			this.subscription.cancel();
		}

		private void end(Throwable error) {
			if (ENDED.compareAndSet(this, 0, 1)) {
				TracingWebFilter.end(this.tracer, this.span, this.exchange, error);
			}
		}

	}

}
