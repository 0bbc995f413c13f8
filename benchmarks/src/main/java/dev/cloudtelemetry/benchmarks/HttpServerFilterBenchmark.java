package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import benchmarks.server.ServerBenchmarkApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.GenericReactiveWebApplicationContext;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.cloudtelemetry.autoconfigure.http.TracingServletFilter;
import dev.cloudtelemetry.autoconfigure.http.TracingWebFilter;

/**
 * Cost the starter's server filter adds to one request: the servlet {@link TracingServletFilter} and the
 * WebFlux {@link TracingWebFilter}, each taken from a real servlet or reactive web application context
 * (without a server) where the starter's auto-configuration created it, and called with Spring's mock
 * request and response: a {@code GET /orders/42?page=1} with a {@code User-Agent} and a
 * {@code traceparent}, answered {@code 200} by a chain that does nothing else. {@code disabled} calls the
 * chain without the filter. Events go to a temporary file, overflow dropped. The same request and response
 * objects serve every call (the filter leaves nothing behind on them but its span attribute, replaced at
 * every call), so the figures are the filter's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpServerFilterBenchmark {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Param({ "servlet", "webflux" })
	public String stack;

	@Param({ "disabled", "enabled" })
	public String telemetry;

	/**
	 * {@code container}: the servlet request is also announced to and ended at the starter's
	 * {@link TracingServletFilter.RequestEnd} listener, as Tomcat does for every request of a server Boot
	 * started, and a WebFlux exchange goes through the {@code HttpHandler} decorated by the starter's
	 * {@link TracingWebFilter.HandlingEnd}, as Spring builds it from the application context; {@code none}: the
	 * filter alone, as under MockMvc or a handler built by hand.
	 */
	@Param({ "container", "none" })
	public String listener;

	private TracingServletFilter.RequestEnd requestEnd;

	private ServletRequestEvent requestEvent;

	private Path directory;

	private Path events;

	private ConfigurableApplicationContext context;

	private TracingServletFilter servletFilter;

	private WebFilter webFilter;

	private HttpHandler decoratedHandler;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	private final FilterChain servletChain = (request, response) -> ((HttpServletResponse) response).setStatus(200);

	private ServerWebExchange exchange;

	private final WebFilterChain webChain = (exchange) -> {
		exchange.getResponse().setStatusCode(HttpStatus.OK);
		return Mono.empty();
	};

	@Setup(Level.Trial)
	public void start() throws IOException, ServletException {
		this.directory = Files.createTempDirectory("server-bench");
		this.events = this.directory.resolve("events.jsonl");
		boolean servlet = "servlet".equals(this.stack);
		String overflow = System.getProperty("bench.overflow", "drop");
		this.context = new SpringApplicationBuilder(ServerBenchmarkApplication.class)
			.web(servlet ? WebApplicationType.SERVLET : WebApplicationType.REACTIVE)
			.contextFactory(ApplicationContextFactory.of(servlet ? HttpServerFilterBenchmark::servletContext
					: GenericReactiveWebApplicationContext::new))
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.application.name=server-bench", "telemetry.enabled=" + "enabled".equals(this.telemetry),
					"telemetry.output.path=" + this.events, "telemetry.output.overflow=" + overflow,
					"telemetry.metadata.enabled=false")
			.run();
		if ("enabled".equals(this.telemetry)) {
			if (servlet) {
				this.servletFilter = this.context.getBean(TracingServletFilter.class);
				if ("container".equals(this.listener)) {
					this.requestEnd = this.context.getBean(TracingServletFilter.RequestEnd.class);
				}
			}
			else {
				this.webFilter = this.context.getBean(TracingWebFilter.class);
				if ("container".equals(this.listener)) {
					HttpHandler handler = (request, response) -> this.webFilter.filter(this.exchange, this.webChain);
					this.decoratedHandler = this.context.getBean(TracingWebFilter.HandlingEnd.class).apply(handler);
				}
			}
		}
		this.request = new MockHttpServletRequest("GET", "/orders/42");
		this.request.setQueryString("page=1");
		this.request.setServerName("shop.example.com");
		this.request.setServerPort(8080);
		this.request.setRemoteAddr("10.0.0.7");
		this.request.addHeader("User-Agent", "curl/8.5.0");
		this.request.addHeader("traceparent", TRACEPARENT);
		this.response = new MockHttpServletResponse();
		this.requestEvent = new ServletRequestEvent(this.request.getServletContext(), this.request);
		this.exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://shop.example.com:8080/orders/42?page=1")
			.header("User-Agent", "curl/8.5.0")
			.header("traceparent", TRACEPARENT));
		if (servlet) {
			servletRequest();
		}
		else {
			reactiveRequest();
		}
	}

	private static ConfigurableApplicationContext servletContext() {
		AnnotationConfigServletWebApplicationContext context = new AnnotationConfigServletWebApplicationContext();
		context.setServletContext(new MockServletContext());
		return context;
	}

	@Benchmark
	public void request(ThreadCpu cpu, Blackhole blackhole) throws IOException, ServletException {
		cpu.operations++;
		if (this.servletFilter != null || "servlet".equals(this.stack)) {
			servletRequest();
		}
		else {
			blackhole.consume(reactiveRequest());
		}
	}

	private void servletRequest() throws IOException, ServletException {
		if (this.requestEnd != null) {
			this.requestEnd.requestInitialized(this.requestEvent);
			this.servletFilter.doFilter(this.request, this.response, this.servletChain);
			this.requestEnd.requestDestroyed(this.requestEvent);
		}
		else if (this.servletFilter != null) {
			this.servletFilter.doFilter(this.request, this.response, this.servletChain);
		}
		else {
			this.servletChain.doFilter(this.request, this.response);
		}
	}

	private Mono<Void> reactiveRequest() {
		if (this.decoratedHandler != null) {
			Mono<Void> handled = this.decoratedHandler.handle(this.exchange.getRequest(), this.exchange.getResponse());
			handled.subscribe();
			return handled;
		}
		Mono<Void> handled = (this.webFilter != null) ? this.webFilter.filter(this.exchange, this.webChain)
				: this.webChain.filter(this.exchange);
		handled.subscribe();
		return handled;
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		String writer = IntegrationChecks.writerStats(this.context);
		this.context.close();
		System.out.printf("%n%s telemetry %s: %s%n", this.stack, this.telemetry, writer);
		System.out.printf("%n%s telemetry %s: %d HTTP server events among the first 1000 lines written%n", this.stack,
				this.telemetry,
				IntegrationChecks.countLines(this.events, "\"event_type\":\"http_", "\"span.kind\":\"server\""));
		Files.deleteIfExists(this.events);
		Files.deleteIfExists(this.directory);
	}

}
