package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.instrument.http.HttpServerTracer;
import dev.cloudtelemetry.instrument.http.HttpServerTracer.IncomingRequest;
import dev.cloudtelemetry.instrument.http.TraceParent;

/**
 * Makes every servlet request a server span, current while the request is handled, so that controllers
 * and the beans they call are its descendants. An asynchronous request ends when its async work
 * completes. The request's later dispatches (the async dispatch that writes the answer of a
 * {@code Callable} or {@code DeferredResult}, the container's error dispatch to the error page) run with
 * the same span current: what they call, and what they log, belongs to the request's trace.
 * <p>
 * A request that fails (an exception, or a status of 400 or more) may be followed by the container's error
 * dispatch to the error page. Where the container tells the {@link RequestEnd} listener of the request (a
 * server started by Spring Boot), its span then ends when the request is done, after the error page: the
 * span's duration includes the page, the page's work ends inside the span, and the status is the one the
 * page sent. Where it does not (a mock request), or where the container ends the request before its error
 * dispatch (Jetty), the span ends when the filter returns, as for every other request.
 */
public final class TracingServletFilter extends OncePerRequestFilter implements Ordered {

	/** Early, so that other filters' work is inside the span; after nothing that must come first. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	// Spring MVC's attribute names, as strings so that this filter also serves servlet apps without MVC
	private static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping"
			+ ".bestMatchingPattern";

	private static final String DISPATCHER_EXCEPTION = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";

	/** The request attribute that carries the request's span (or {@link CurrentSpan#EXCLUDED}) to its later dispatches. */
	static final String SPAN_ATTRIBUTE = TracingServletFilter.class.getName() + ".SPAN";

	/**
	 * Set by {@link RequestEnd} on each request the container tells it of: the span of such a request may wait
	 * for the request's end.
	 */
	static final String ENDS_WITH_REQUEST_ATTRIBUTE = TracingServletFilter.class.getName() + ".ENDS_WITH_REQUEST";

	private final Supplier<HttpServerTracer> tracer;

	private final ExcludedPaths excluded;

	/**
	 * @param tracer supplies the tracer lazily
	 */
	public TracingServletFilter(Supplier<HttpServerTracer> tracer) {
		this(tracer, ExcludedPaths.NONE);
	}

	/**
	 * @param tracer supplies the tracer lazily
	 * @param excluded the request paths that are not traced
	 */
	public TracingServletFilter(Supplier<HttpServerTracer> tracer, ExcludedPaths excluded) {
		this.tracer = tracer;
		this.excluded = excluded;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * @return {@code false}: the async dispatch that writes an asynchronous answer runs with the request's span
	 * current
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * @return {@code false}: the error dispatch to the error page runs with the request's span current
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			// a later dispatch of a request seen before (async, error): its span, started by the request's first
			// dispatch (and ended there, unless it waits for the request's end), is current again; a dispatch of a
			// request never seen is left alone
			continueDispatch(request, response, chain);
			return;
		}
		if (this.excluded.matches(request.getRequestURI().substring(request.getContextPath().length()))) {
			request.setAttribute(SPAN_ATTRIBUTE, CurrentSpan.EXCLUDED);
			runWith(CurrentSpan.EXCLUDED, request, response, chain);
			return;
		}
		HttpServerTracer tracer = this.tracer.get();
		Span span = tracer.start(incoming(request), request.getHeader(TraceParent.TRACEPARENT),
				request.getHeader(TraceParent.TRACESTATE), request.getHeader(HttpHeaders.USER_AGENT),
				tracer.recordsHeaders() ? (name) -> Collections.list(request.getHeaders(name)) : null);
		request.setAttribute(SPAN_ATTRIBUTE, span);
		Span previous = CurrentSpan.set(span);
		Throwable thrown = null;
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			thrown = ex;
			throw ex;
		}
		finally {
			CurrentSpan.restore(previous);
			if (thrown == null && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new EndOnCompletion(tracer, span));
			}
			else if ((thrown != null || response.getStatus() >= 400) && !request.isAsyncStarted()
					&& request.getAttribute(ENDS_WITH_REQUEST_ATTRIBUTE) != null) {
				// the container may dispatch to its error page now: the span ends when the request is done (an
				// async request that failed after starting ends now: the container ends it later, on its own terms)
				request.setAttribute(SPAN_ATTRIBUTE, new EndWithRequest(tracer, span, request, response, thrown));
			}
			else {
				end(tracer, span, request, response, thrown);
			}
		}
	}

	private static void continueDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object attribute = request.getAttribute(SPAN_ATTRIBUTE);
		if (attribute instanceof Span span) {
			runWith(span, request, response, chain);
		}
		else if (attribute instanceof EndWithRequest waiting) {
			waiting.dispatched = true;
			runWith(waiting.span, request, response, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private static void runWith(Span span, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Span previous = CurrentSpan.set(span);
		try {
			chain.doFilter(request, response);
		}
		finally {
			CurrentSpan.restore(previous);
		}
	}

	private static IncomingRequest incoming(HttpServletRequest request) {
		StringBuilder url = new StringBuilder(request.getRequestURL());
		if (request.getQueryString() != null) {
			url.append('?').append(request.getQueryString());
		}
		return new IncomingRequest(request.getMethod(), url.toString(), request.getRequestURI(),
				request.getServerName(), request.getServerPort(), request.getRemoteAddr());
	}

	private static void end(HttpServerTracer tracer, Span span, HttpServletRequest request,
			HttpServletResponse response, Throwable thrown) {
		tracer.end(span, status(response, thrown), route(request), error(request, thrown),
				responseHeaders(tracer, response));
	}

	private static int status(HttpServletResponse response, @Nullable Throwable thrown) {
		// the container turns an escaping exception into a 500 after the filters have returned
		return (thrown != null && !response.isCommitted()) ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
				: response.getStatus();
	}

	private static @Nullable String route(HttpServletRequest request) {
		Object route = request.getAttribute(BEST_MATCHING_PATTERN);
		return (route != null) ? route.toString() : null;
	}

	private static @Nullable Throwable error(HttpServletRequest request, @Nullable Throwable thrown) {
		return (thrown != null) ? unwrap(thrown) : errorAttribute(request);
	}

	private static Function<String, List<String>> responseHeaders(HttpServerTracer tracer,
			HttpServletResponse response) {
		return tracer.recordsHeaders() ? (name) -> new ArrayList<>(response.getHeaders(name)) : null;
	}

	private static Throwable errorAttribute(HttpServletRequest request) {
		Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (error == null) {
			error = request.getAttribute(DISPATCHER_EXCEPTION);
		}
		return (error instanceof Throwable throwable) ? unwrap(throwable) : null;
	}

	private static Throwable unwrap(Throwable error) {
		// FrameworkServlet wraps what the handler threw: report the handler's exception
		if (error instanceof ServletException && error.getCause() != null) {
			return error.getCause();
		}
		return error;
	}

	/**
	 * Ends the span of an asynchronous request when the container completes it.
	 */
	private static final class EndOnCompletion implements AsyncListener {

		private final HttpServerTracer tracer;

		private final Span span;

		private final AtomicBoolean ended = new AtomicBoolean();

		private volatile Throwable error;

		EndOnCompletion(HttpServerTracer tracer, Span span) {
			this.tracer = tracer;
			this.span = span;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			if (this.ended.compareAndSet(false, true)) {
				HttpServletRequest request = (HttpServletRequest) event.getSuppliedRequest();
				HttpServletResponse response = (HttpServletResponse) event.getSuppliedResponse();
				Throwable failure = (this.error != null) ? this.error : errorAttribute(request);
				// the response is complete: its status is the one the client got
				int status = response.getStatus();
				Object route = request.getAttribute(BEST_MATCHING_PATTERN);
				this.tracer.end(this.span, status, (route != null) ? route.toString() : null, failure,
						responseHeaders(this.tracer, response));
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
			this.error = unwrap(event.getThrowable());
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

	/**
	 * The span of a failed request, waiting for the request's end: what the request's own dispatch knew (the
	 * route it matched, the error it ended with) is kept, since an error dispatch replaces it on the request.
	 */
	private static final class EndWithRequest {

		private final HttpServerTracer tracer;

		private final Span span;

		private final HttpServletResponse response;

		private final int status;

		private final @Nullable String route;

		private final @Nullable Throwable error;

		/** An error dispatch ran: the response's status is then the one the error page sent. */
		boolean dispatched;

		private boolean ended;

		EndWithRequest(HttpServerTracer tracer, Span span, HttpServletRequest request, HttpServletResponse response,
				@Nullable Throwable thrown) {
			this.tracer = tracer;
			this.span = span;
			this.response = response;
			this.status = status(response, thrown);
			this.route = route(request);
			this.error = error(request, thrown);
		}

		void end() {
			if (!this.ended) {
				this.ended = true;
				this.tracer.end(this.span, this.dispatched ? this.response.getStatus() : this.status, this.route,
						this.error, responseHeaders(this.tracer, this.response));
			}
		}

	}

	/**
	 * Tells the filter that the container will say when each request is done, and ends there the span of a
	 * failed request, after the container's error dispatch (Tomcat ends a request after its error page; Jetty
	 * before it). Registered by Spring Boot with the server, as every {@link ServletRequestListener} bean is.
	 */
	public static final class RequestEnd implements ServletRequestListener {

		@Override
		public void requestInitialized(ServletRequestEvent event) {
			event.getServletRequest().setAttribute(ENDS_WITH_REQUEST_ATTRIBUTE, Boolean.TRUE);
		}

		@Override
		public void requestDestroyed(ServletRequestEvent event) {
			ServletRequest request = event.getServletRequest();
			if (request.getAttribute(SPAN_ATTRIBUTE) instanceof EndWithRequest waiting) {
				waiting.end();
			}
		}

	}

}
