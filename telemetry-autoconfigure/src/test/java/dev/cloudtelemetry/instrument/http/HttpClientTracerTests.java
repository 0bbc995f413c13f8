package dev.cloudtelemetry.instrument.http;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.redact.Redactors;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientTracerTests {

	private final List<TelemetryEvent> events = new ArrayList<>();

	private final SpanFactory spans = new SpanFactory(NanoClock.system());

	private HttpClientTracer tracer(SemanticConventions semconv, Severity minimum) {
		return new HttpClientTracer(this.events::add, this.spans, semconv, minimum, Severity.WARN,
				Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of("token"))))), new RecordedHeaders(List.of("x-request-id")));
	}

	private TelemetryEvent event(int index) {
		return this.events.get(index);
	}

	private Map<String, Object> attributes(int index) {
		return EventAttributes.of(event(index));
	}

	@Test
	void requestAndResponseShareTheClientSpanUnderTheParent() {
		Span parent = this.spans.start(null, "OrderService.place", "func", null);
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		// header sources (HttpHeaders, servlet requests) look names up ignoring case
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.put("User-Agent", List.of("shop/1.0"));
		headers.put("X-Request-Id", List.of("r-1"));
		Span span = tracer.start(parent, "POST", URI.create("https://u:p@api.example.com/orders?token=t"),
				headers::get);
		tracer.end(span, 201, Map.<String, List<String>>of()::get);
		assertThat(span.parentSpanId()).isEqualTo(parent.spanId());
		assertThat(span.traceIdHex()).isEqualTo(parent.traceIdHex());
		assertThat(span.name()).isEqualTo("POST api.example.com:443");
		assertThat(this.events).hasSize(2).allSatisfy((event) -> assertThat(event.span()).isSameAs(span));
		assertThat(event(0).eventType()).isEqualTo("http_request");
		assertThat(event(0).durationNanos()).isNegative();
		assertThat(attributes(0)).containsEntry("http.method", "POST")
			.containsEntry("http.url", "https://api.example.com/orders?token=REDACTED")
			.containsEntry("http.user_agent", "shop/1.0")
			.containsEntry("server.address", "api.example.com")
			.containsEntry("server.port", 443)
			.containsEntry("span.kind", "client")
			.containsEntry("http.request.header.x-request-id", "r-1");
		assertThat(event(1).eventType()).isEqualTo("http_response");
		assertThat(event(1).durationNanos()).isNotNegative();
		assertThat(event(1).severity()).isEqualTo(Severity.INFO);
		assertThat(attributes(1)).containsEntry("http.status_code", 201);
	}

	@Test
	void aTraceparentOfTheSameTraceWrittenByAnotherTracerLeavesAlone() {
		RemoteContext other = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		SpanFactory joined = new SpanFactory(NanoClock.system(), () -> other);
		HttpClientTracer tracer = new HttpClientTracer(this.events::add, joined, SemanticConventions.LEGACY,
				Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))), new RecordedHeaders(List.of()));
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		String micrometers = "00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01";
		headers.put("traceparent", List.of(micrometers));
		Span span = tracer.start(null, "GET", URI.create("http://127.0.0.1/x"), headers::get);
		tracer.inject(span, headers::get, (name, value) -> headers.put(name, List.of(value)));
		assertThat(headers).containsExactly(Map.entry("traceparent", List.of(micrometers)));
	}

	@Test
	void aTraceparentOfAnotherTraceIsReplacedByTheStarters() {
		SpanFactory joined = new SpanFactory(NanoClock.system(), () -> null);
		HttpClientTracer tracer = new HttpClientTracer(this.events::add, joined, SemanticConventions.LEGACY,
				Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))), new RecordedHeaders(List.of()));
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.put("traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01"));
		Span span = tracer.start(this.spans.start(null, "Job.run", "func", null), "GET",
				URI.create("http://127.0.0.1/x"), headers::get);
		tracer.inject(span, headers::get, (name, value) -> headers.put(name, List.of(value)));
		assertThat(headers).containsExactly(Map.entry("traceparent", List.of(TraceParent.format(span))));
	}

	@Test
	void withoutAnotherTracerTheStartersTraceparentIsAlwaysSet() {
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Span parent = this.spans.start(null, "Job.run", "func", null);
		headers.put("traceparent", List.of("00-" + parent.traceIdHex() + "-1111111111111111-01"));
		Span span = tracer.start(parent, "GET", URI.create("http://127.0.0.1/x"), headers::get);
		tracer.inject(span, headers::get, (name, value) -> headers.put(name, List.of(value)));
		assertThat(headers).containsExactly(Map.entry("traceparent", List.of(TraceParent.format(span))));
	}

	@Test
	void bothConventionsWriteBothNames() {
		HttpClientTracer tracer = tracer(SemanticConventions.BOTH, Severity.INFO);
		Span span = tracer.start(null, "GET", URI.create("http://127.0.0.1:8080/x"),
				Map.of("User-Agent", List.of("ua"))::get);
		tracer.end(span, 200, null);
		assertThat(attributes(0)).containsKeys("http.method", "http.request.method", "http.url", "url.full",
				"http.user_agent", "user_agent.original");
		assertThat(attributes(1)).containsEntry("http.status_code", 200)
			.containsEntry("http.response.status_code", 200);
	}

	@Test
	void errorStatusIsAWarningAndFailureAnErrorWithTheException() {
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		tracer.end(tracer.start(null, "GET", URI.create("http://h/a"), Map.<String, List<String>>of()::get), 503,
				null);
		IOException refused = new IOException("Connection refused");
		tracer.fail(tracer.start(null, "GET", URI.create("http://h/b"), Map.<String, List<String>>of()::get), refused);
		assertThat(event(1).severity()).isEqualTo(Severity.WARN);
		assertThat(event(1).error()).isNull();
		assertThat(event(3).severity()).isEqualTo(Severity.ERROR);
		assertThat(event(3).error()).isSameAs(refused);
		assertThat(attributes(3)).doesNotContainKey("http.status_code")
			.containsEntry("error.type", "java.io.IOException");
	}

	@Test
	void eventsBelowTheMinimumSeverityAreDropped() {
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.WARN);
		tracer.end(tracer.start(null, "GET", URI.create("http://h/a"), Map.<String, List<String>>of()::get), 200,
				null);
		tracer.end(tracer.start(null, "GET", URI.create("http://h/b"), Map.<String, List<String>>of()::get), 404,
				null);
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.severity()).isEqualTo(Severity.WARN));
	}

	@Test
	void injectWritesTraceparentAndTheTraceStateTheTraceArrivedWith() {
		HttpServerTracer server = new HttpServerTracer(this.events::add, this.spans, SemanticConventions.LEGACY,
				Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))), new RecordedHeaders(List.of()));
		Span serverSpan = server.start(
				new HttpServerTracer.IncomingRequest("GET", "http://h/x", "/x", "h", 80, "10.0.0.1"),
				Map.of("traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
						"tracestate", List.of("congo=t61rcWkgMzE"))::get);
		Span method = this.spans.start(serverSpan, "OrderService.place", "func", null);
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		Span client = tracer.start(method, "GET", URI.create("http://next/y"), Map.<String, List<String>>of()::get);
		Map<String, String> headers = new LinkedHashMap<>();
		tracer.inject(client, headers::put);
		assertThat(headers).containsExactly(
				Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-" + client.spanIdHex() + "-01"),
				Map.entry("tracestate", "congo=t61rcWkgMzE"));
	}

	@Test
	void injectWithoutReceivedTraceStateWritesOnlyTraceparent() {
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		Span client = tracer.start(null, "GET", URI.create("http://next/y"), Map.<String, List<String>>of()::get);
		Map<String, String> headers = new LinkedHashMap<>();
		tracer.inject(client, headers::put);
		assertThat(headers).containsOnlyKeys("traceparent");
	}

	@Test
	void cancelledExchangeEndsWithoutStatus() {
		HttpClientTracer tracer = tracer(SemanticConventions.LEGACY, Severity.INFO);
		tracer.cancel(tracer.start(null, "GET", URI.create("http://h/a"), Map.<String, List<String>>of()::get));
		assertThat(attributes(1)).containsEntry("cancelled", true).doesNotContainKey("http.status_code");
		assertThat(event(1).severity()).isEqualTo(Severity.INFO);
	}

}
