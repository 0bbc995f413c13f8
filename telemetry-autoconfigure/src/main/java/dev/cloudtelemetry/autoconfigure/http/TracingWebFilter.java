package dev.cloudtelemetry.autoconfigure.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.context.EndingSubscriber;
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
		end(tracer, span, exchange, error, false);
	}

	/**
	 * @param handled whether the exception handlers have run: the response's status is then the one sent;
	 * before, an error's status is the one they will set
	 */
	private static void end(HttpServerTracer tracer, Span span, ServerWebExchange exchange, Throwable error,
			boolean handled) {
		ServerHttpResponse response = exchange.getResponse();
		int status = (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
		if (error != null && !(handled && response.getStatusCode() != null)) {
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
				handling.subscribe(new ExchangeSubscriber(actual, tracer, span, this.exchange));
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
	 * Passes the chain's signals on, after ending the span; a failed exchange's span is left to
	 * {@link HandlingEnd} where it decorates the handler.
	 */
	private static final class ExchangeSubscriber extends EndingSubscriber<Void> {

		private static final AtomicIntegerFieldUpdater<ExchangeSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(ExchangeSubscriber.class, "ended");

		private final HttpServerTracer tracer;

		private final Span span;

		private final ServerWebExchange exchange;

		private volatile int ended;

		ExchangeSubscriber(CoreSubscriber<? super Void> actual, HttpServerTracer tracer, Span span,
				ServerWebExchange exchange) {
			super(actual, actual.currentContext().put(ReactorSpans.KEY, span));
			this.tracer = tracer;
			this.span = span;
			this.exchange = exchange;
		}

		@Override
		public void onError(Throwable error) {
			HandlingEnd.HandlingSubscriber handling = currentContext().getOrDefault(HandlingEnd.class, null);
			if (handling == null || !ENDED.compareAndSet(this, 0, 1)) {
				super.onError(error);
				return;
			}
			// the exception handlers run as the error travels on: the span ends after them, and what they
			// call synchronously is its child
			handling.endAfter(this.tracer, this.span, this.exchange, error);
			Span previous = CurrentSpan.set(this.span);
			try {
				actual().onError(error);
			}
			finally {
				CurrentSpan.restore(previous);
			}
		}

		@Override
		protected void ended(Throwable error, boolean cancelled) {
			if (ENDED.compareAndSet(this, 0, 1)) {
				TracingWebFilter.end(this.tracer, this.span, this.exchange, error);
			}
		}

	}

	/**
	 * Ends the span of a failed exchange when the whole exchange is over: after the
	 * {@code WebExceptionHandler}s (an application's own, Boot's error handler) have answered, with the status
	 * they sent and their time in its duration. Applied by Spring to the {@code HttpHandler} it builds from the
	 * application context, as every {@link HttpHandlerDecoratorFactory} bean is. Without it (a handler built by
	 * hand) the filter ends a failed exchange's span itself, with the status the handlers are expected to set.
	 */
	public static final class HandlingEnd implements HttpHandlerDecoratorFactory {

		@Override
		public HttpHandler apply(HttpHandler handler) {
			return (request, response) -> new Handling(handler.handle(request, response));
		}

		private static final class Handling extends Mono<Void> {

			private final Mono<Void> source;

			Handling(Mono<Void> source) {
				this.source = source;
			}

			@Override
			public void subscribe(CoreSubscriber<? super Void> actual) {
				this.source.subscribe(new HandlingSubscriber(actual));
			}

		}

		/**
		 * Passes the handling's signals on; ends first the span a failed exchange's filter left to it.
		 */
		static final class HandlingSubscriber extends EndingSubscriber<Void> {

			private static final AtomicReferenceFieldUpdater<HandlingSubscriber, HttpServerTracer> TRACER =
					AtomicReferenceFieldUpdater.newUpdater(HandlingSubscriber.class, HttpServerTracer.class, "tracer");

			private final Context context;

			private volatile HttpServerTracer tracer;

			private Span span;

			private ServerWebExchange exchange;

			private Throwable error;

			HandlingSubscriber(CoreSubscriber<? super Void> actual) {
				super(actual, actual.currentContext());
				// where the filter finds it
				this.context = actual.currentContext().put(HandlingEnd.class, this);
			}

			@Override
			public Context currentContext() {
				return this.context;
			}

			/** Called by the filter, once, before the error travels on to the exception handlers. */
			void endAfter(HttpServerTracer tracer, Span span, ServerWebExchange exchange, Throwable error) {
				this.span = span;
				this.exchange = exchange;
				this.error = error;
				this.tracer = tracer;
			}

			@Override
			protected void ended(Throwable error, boolean cancelled) {
				HttpServerTracer tracer = (this.tracer != null) ? TRACER.getAndSet(this, null) : null;
				if (tracer != null) {
					TracingWebFilter.end(tracer, this.span, this.exchange, this.error, !cancelled);
				}
			}

		}

	}

}
