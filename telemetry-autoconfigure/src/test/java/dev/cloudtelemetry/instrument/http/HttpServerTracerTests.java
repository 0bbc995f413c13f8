package dev.cloudtelemetry.instrument.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.http.HttpServerTracer.IncomingRequest;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServerTracerTests {

	private static final IncomingRequest REQUEST = new IncomingRequest("GET",
			"http://shop.local:8080/orders/42?password=pw", "/orders/42", "shop.local", 8080, "10.0.0.7");

	private final List<TelemetryEvent> events = new ArrayList<>();

	private final HttpServerTracer tracer = new HttpServerTracer(this.events::add,
			new SpanFactory(NanoClock.system()), SemanticConventions.LEGACY, Severity.INFO, Severity.WARN,
			Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of("password"))))), new RecordedHeaders(List.of()));

	private TelemetryEvent event(int index) {
		return this.events.get(index);
	}

	private Map<String, Object> attributes(int index) {
		return EventAttributes.of(event(index));
	}

	@Test
	void requestWithoutTraceparentStartsATraceAndRecordsTheRequest() {
		Span span = this.tracer.start(REQUEST, Map.of("User-Agent", List.of("curl/8"))::get);
		this.tracer.end(span, 200, "/orders/{id}", null, null);
		assertThat(span.parentSpanId()).isZero();
		assertThat(event(0).functionName()).isEqualTo("GET");
		assertThat(attributes(0)).containsEntry("http.method", "GET")
			.containsEntry("http.url", "http://shop.local:8080/orders/42?password=REDACTED")
			.containsEntry("http.target", "/orders/42")
			.containsEntry("http.user_agent", "curl/8")
			.containsEntry("client.address", "10.0.0.7")
			.containsEntry("server.address", "shop.local")
			.containsEntry("server.port", 8080)
			.containsEntry("span.kind", "server");
		assertThat(event(1).functionName()).isEqualTo("GET /orders/{id}");
		assertThat(attributes(1)).containsEntry("http.route", "/orders/{id}")
			.containsEntry("http.status_code", 200);
	}

	@Test
	void exceptionWithServerErrorIsAnErrorWithTheException() {
		IllegalStateException failure = new IllegalStateException("broken");
		this.tracer.end(this.tracer.start(REQUEST, Map.<String, List<String>>of()::get), 500, null, failure, null);
		assertThat(event(1).severity()).isEqualTo(Severity.ERROR);
		assertThat(event(1).error()).isSameAs(failure);
	}

	@Test
	void exceptionBehindAClientErrorIsAWarningNamingTheException() {
		this.tracer.end(this.tracer.start(REQUEST, Map.<String, List<String>>of()::get), 400, null,
				new IllegalArgumentException("bad"), null);
		assertThat(event(1).severity()).isEqualTo(Severity.WARN);
		assertThat(event(1).error()).isNull();
		assertThat(attributes(1)).containsEntry("exception.type", "java.lang.IllegalArgumentException");
	}

	@Test
	void stableConventionsNameThePathUrlPath() {
		HttpServerTracer stable = new HttpServerTracer(this.events::add, new SpanFactory(NanoClock.system()),
				SemanticConventions.STABLE, Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))),
				new RecordedHeaders(List.of()));
		stable.start(REQUEST, Map.<String, List<String>>of()::get);
		assertThat(attributes(0)).containsEntry("url.path", "/orders/42")
			.containsEntry("http.request.method", "GET")
			.doesNotContainKeys("http.target", "http.method");
	}

}
