package dev.cloudtelemetry.actuate;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import dev.cloudtelemetry.actuate.TelemetryEndpoint.TraceDescriptor;
import dev.cloudtelemetry.actuate.TelemetryEndpoint.TracesDescriptor;
import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.output.recent.RecentTraces;
import dev.cloudtelemetry.output.recent.TraceViews;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/telemetry/traces}: filters, and attributes masked by the metadata endpoint's rules.
 */
class TelemetryEndpointTracesTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("shop", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private final SpanFactory spans = new SpanFactory(NanoClock.system());

	private final EventEncoder encoder = new EventEncoder(() -> RESOURCE, false, 1000);

	private final RecentTraces store = new RecentTraces(10, 1 << 20);

	private long sequence;

	@Test
	void listsAndFiltersTheRecentTraces() {
		write("GET /orders", 5_000_000, Severity.INFO);
		write("GET /orders/fail", 80_000_000, Severity.ERROR);
		write("GET /stock", 1_000_000, Severity.INFO);
		TelemetryEndpoint endpoint = endpoint(Show.NEVER, List.of());
		assertThat(names(endpoint.traces("traces", null, null, null, null))).containsExactly("GET /stock",
				"GET /orders/fail", "GET /orders");
		assertThat(names(endpoint.traces("traces", true, null, null, null))).containsExactly("GET /orders/fail");
		assertThat(names(endpoint.traces("traces", null, 3L, null, null))).containsExactly("GET /orders/fail",
				"GET /orders");
		assertThat(names(endpoint.traces("traces", null, null, "ORDERS", 1))).containsExactly("GET /orders/fail");
		assertThat(endpoint.traces("spans", null, null, null, null)).isNull();
		assertThat(endpoint(Show.NEVER, List.of()).traces("traces", null, null, null, null).store().completed())
			.isEqualTo(3);
	}

	@Test
	void attributesAreMaskedAsMetadataIsUnlessShownAndSanitizingFunctionsApply() {
		String traceId = write("GET /orders", 5_000_000, Severity.INFO);
		TraceDescriptor masked = endpoint(Show.NEVER, List.of()).trace(SecurityContext.NONE, "traces", traceId);
		assertThat(masked.spans().get(0).attributes()).containsEntry("client.address", "******")
			.containsEntry("host.ip", "******")
			.containsEntry("db.name", "orders")
			.containsEntry("http.route", "/orders");
		SanitizingFunction hideRoute = (data) -> data.getKey().equals("http.route") ? data.withValue("[app]") : data;
		TraceDescriptor shown = endpoint(Show.ALWAYS, List.of(hideRoute)).trace(SecurityContext.NONE, "traces", traceId);
		assertThat(shown.spans().get(0).attributes()).containsEntry("client.address", "10.1.2.3")
			.containsEntry("http.route", "[app]");
		assertThat(endpoint(Show.NEVER, List.of()).trace(SecurityContext.NONE, "traces", "0".repeat(32))).isNull();
		assertThat(new TelemetryEndpoint(null, null, null, Show.NEVER, Set.of()).trace(SecurityContext.NONE, "traces",
				traceId))
			.as("trace view off")
			.isNull();
	}

	private TelemetryEndpoint endpoint(Show show, List<SanitizingFunction> functions) {
		TraceViews views = new TraceViews(this.store, List.of("/telemetry"));
		return new TelemetryEndpoint(null, null, null, show, Set.of(), functions, () -> views);
	}

	private static List<String> names(TracesDescriptor traces) {
		return traces.traces().stream().map((trace) -> trace.rootName()).toList();
	}

	// one server span, written by the real encoder and handed over as the writer hands it over
	private String write(String name, long durationNanos, Severity severity) {
		Span span = this.spans.start(null, name, "http", null);
		GenericEvent event = GenericEvent.builder("http_response", span.startNanos() + durationNanos)
			.span(span)
			.severity(severity)
			.durationNanos(durationNanos)
			.message(name)
			.attribute("span.kind", "server")
			.attribute("client.address", "10.1.2.3")
			.attribute("host.ip", "10.0.0.9")
			.attribute("db.name", "orders")
			.attribute("http.route", name.substring(4))
			.build();
		JsonWriter line = new JsonWriter(4096);
		this.encoder.encode(event, ++this.sequence, line);
		this.store.written(span, this.sequence, line.buffer(), 0, line.length());
		return span.traceIdHex();
	}

}
