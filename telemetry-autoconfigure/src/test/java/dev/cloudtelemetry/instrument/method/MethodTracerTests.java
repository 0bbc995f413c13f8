package dev.cloudtelemetry.instrument.method;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.DurationText;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call is one object submitted twice: written as its entry, then as its exit; when its entry is not
 * written (dropped, or below the minimum severity) its only line is its exit.
 */
class MethodTracerTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private static final MethodInfo INFO = new MethodInfo("OrderService.place", "com.example.OrderService", "place",
			"sku, quantity", Severity.INFO, ReturnKind.SYNCHRONOUS);

	private final SpanFactory spans = new SpanFactory(NanoClock.system());

	private List<JsonNode> encode(List<TelemetryEvent> events) {
		EventEncoder encoder = new EventEncoder(() -> RESOURCE, false, 1000);
		JsonWriter out = new JsonWriter(256);
		long sequence = 1;
		for (TelemetryEvent event : events) {
			encoder.encode(event, sequence++, out);
		}
		return TelemetrySchema.validateLines(out.toString());
	}

	@Test
	void theExitMessageRoundsTheDurationToHundredthsOfAMillisecondAsMathRoundDoes() {
		List<Long> durations = new ArrayList<>(List.of(0L, 1L, 4_999L, 5_000L, 5_001L, 9_999L, 10_000L, 14_999L,
				15_000L, 1_234_565_000L, 999_999_999_999_995_000L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
				Long.MAX_VALUE, -1L, -5_000L, -15_000L, Long.MIN_VALUE));
		java.util.Random random = new java.util.Random(3);
		for (int i = 0; i < 100_000; i++) {
			long duration = random.nextLong() >>> random.nextInt(64);
			durations.add(duration);
			durations.add(duration / 10_000 * 10_000 + 5_000);
		}
		for (long duration : durations) {
			long hundredths = Math.round(duration / 10_000.0);
			String expected = (hundredths / 100) + "." + ((hundredths % 100 < 10) ? "0" : "") + (hundredths % 100);
			assertThat(DurationText.appendMillis(new StringBuilder(), duration)).as("%d ns", duration)
				.hasToString(expected);
		}
	}

	@Test
	void oneCallIsWrittenAsItsEntryThenItsExit() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.INFO, 0, false, "app.jar");
		Span span = tracer.enter(INFO, null);
		tracer.exit(span, new IllegalStateException("boom"));
		assertThat(submitted).hasSize(2).containsOnly((TelemetryEvent) span);
		List<JsonNode> lines = encode(submitted);
		assertThat(lines).extracting((e) -> e.get("event_type").asString())
			.containsExactly("function_entry", "function_exit");
		assertThat(lines.get(0).get("severity").asString()).isEqualTo("INFO");
		assertThat(lines.get(0).has("error")).isFalse();
		assertThat(lines.get(1).get("severity").asString()).isEqualTo("ERROR");
		assertThat(lines.get(1).get("error").get("message").asString()).isEqualTo("boom");
		assertThat(lines.get(1).get("duration_ns").asLong()).isEqualTo(
				lines.get(1).get("timestamp_ns").asLong() - lines.get(0).get("timestamp_ns").asLong());
	}

	@Test
	void aCallWithoutParentJoinsTheCurrentSpanOfAnotherTracer() {
		RemoteContext other = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, new SpanFactory(NanoClock.system(), () -> other),
				Severity.INFO, 0, false, "app.jar");
		Span root = tracer.enter(INFO, null);
		Span child = tracer.enter(INFO, root);
		tracer.exit(child, null);
		tracer.exit(root, null);
		List<JsonNode> lines = encode(submitted);
		assertThat(lines).allSatisfy((line) -> assertThat(line.get("trace_id").asString())
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
		assertThat(lines.get(0).get("parent_span_id").asString()).isEqualTo("00f067aa0ba902b7");
		assertThat(lines.get(1).get("parent_span_id").asString()).isEqualTo(root.spanIdHex());
	}

	@Test
	void aFailedCallKeepsItsThreadAndErrorWithAndWithoutCallerLocation() {
		// called without a proxy no caller frame is found, but with caller location on the call keeps its
		// details object, which the error then joins
		for (boolean callerLocation : new boolean[] { false, true }) {
			List<TelemetryEvent> submitted = new ArrayList<>();
			MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.INFO, 0, callerLocation,
					"app.jar");
			tracer.exit(tracer.enter(INFO, null), new IllegalStateException("out of stock"));
			List<JsonNode> lines = encode(submitted);
			assertThat(lines).hasSize(2);
			assertThat(lines.get(0).get("attributes").get("thread.name").asString())
				.isEqualTo(Thread.currentThread().getName());
			assertThat(lines.get(1).get("severity").asString()).isEqualTo("ERROR");
			assertThat(lines.get(1).get("error").get("type").asString())
				.isEqualTo("java.lang.IllegalStateException");
		}
	}

	@Test
	void aSecondExitOfTheSameCallIsIgnored() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.INFO, 0, false, "app.jar");
		Span span = tracer.enter(INFO, null);
		tracer.exit(span, null);
		tracer.exit(span, new IllegalStateException("late"));
		assertThat(encode(submitted)).extracting((e) -> e.get("event_type").asString())
			.containsExactly("function_entry", "function_exit");
	}

	@Test
	void whenTheEntryIsDroppedTheOnlyLineIsTheExit() {
		List<TelemetryEvent> accepted = new ArrayList<>();
		EventSink dropsFirst = new EventSink() {
			private int offers;

			@Override
			public void accept(TelemetryEvent event) {
				offer(event);
			}

			@Override
			public boolean offer(TelemetryEvent event) {
				if (this.offers++ == 0) {
					return false;
				}
				accepted.add(event);
				return true;
			}
		};
		MethodTracer tracer = new MethodTracer(dropsFirst, this.spans, Severity.INFO, 0, false, "app.jar");
		tracer.exit(tracer.enter(INFO, null), null);
		List<JsonNode> lines = encode(accepted);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).get("event_type").asString()).isEqualTo("function_exit");
	}

	@Test
	void anErrorIsWrittenEvenWhenEntriesAreBelowTheMinimum() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.WARN, 0, false, "app.jar");
		tracer.exit(tracer.enter(INFO, null), null);
		assertThat(submitted).isEmpty();
		tracer.exit(tracer.enter(INFO, null), new IllegalArgumentException("bad"));
		List<JsonNode> lines = encode(submitted);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).get("event_type").asString()).isEqualTo("function_exit");
		assertThat(lines.get(0).get("severity").asString()).isEqualTo("ERROR");
	}

	@Test
	void nestedCallsLinkToTheirParent() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.INFO, 0, false, "app.jar");
		Span parent = tracer.enter(INFO, null);
		Span child = tracer.enter(INFO, parent);
		tracer.exit(child, null);
		tracer.exit(parent, null);
		List<JsonNode> lines = encode(submitted);
		assertThat(lines).extracting((e) -> e.get("event_type").asString())
			.containsExactly("function_entry", "function_entry", "function_exit", "function_exit");
		assertThat(lines.get(1).get("parent_span_id").asString()).isEqualTo(parent.spanIdHex());
		assertThat(lines.get(1).get("trace_id").asString()).isEqualTo(parent.traceIdHex());
		assertThat(lines.get(1).get("attributes").get("parent_correlation_id").asString())
			.isEqualTo(parent.correlationId());
	}

	@Test
	void rootsChildrenAndCallsUnderAnotherTracerWriteTheirCapturedArgumentsAndReturnValues() {
		MethodInfo capturing = new MethodInfo("OrderService.place", "com.example.OrderService", "place",
				"sku, quantity", Severity.INFO, ReturnKind.SYNCHRONOUS,
				new ArgumentCapture(List.of("sku", "quantity"), new boolean[] { false, true }, true, true, false));
		RemoteContext other = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		for (boolean callerLocation : new boolean[] { false, true }) {
			for (SpanFactory factory : List.of(this.spans, new SpanFactory(NanoClock.system(), () -> other))) {
				List<TelemetryEvent> submitted = new ArrayList<>();
				MethodTracer tracer = new MethodTracer(submitted::add, factory, Severity.INFO, 0, callerLocation,
						"app.jar");
				Span root = tracer.enter(capturing, null, new Object[] { "SKU-1", 3 });
				Span child = tracer.enter(capturing, root, new Object[] { "SKU-2", 4 });
				Span failing = tracer.enter(capturing, child, new Object[] { "SKU-3", 5 });
				tracer.exit(failing, new IllegalStateException("out of stock"));
				tracer.complete(child, "receipt-2");
				tracer.complete(root, null);
				List<JsonNode> lines = encode(submitted);
				assertThat(lines).extracting((e) -> e.get("event_type").asString())
					.containsExactly("function_entry", "function_entry", "function_entry", "function_exit",
							"function_exit", "function_exit");
				assertThat(lines.subList(0, 3)).extracting((e) -> e.get("attributes").get("function.arguments.sku").asString())
					.containsExactly("SKU-1", "SKU-2", "SKU-3");
				assertThat(lines.subList(0, 3))
					.allSatisfy((e) -> assertThat(e.get("attributes").get("function.arguments.quantity").asString())
						.isEqualTo(ArgumentCapture.REDACTED));
				assertThat(lines.subList(0, 3)).allSatisfy((e) -> assertThat(
						e.get("attributes").get("thread.name").asString()).isEqualTo(Thread.currentThread().getName()));
				// a failed call and a null result have no return value, the others have theirs
				assertThat(lines.get(3).get("severity").asString()).isEqualTo("ERROR");
				assertThat(lines.get(3).get("attributes").has(ArgumentCapture.RETURN_VALUE)).isFalse();
				assertThat(lines.get(4).get("attributes").get(ArgumentCapture.RETURN_VALUE).asString())
					.isEqualTo("receipt-2");
				assertThat(lines.get(5).get("attributes").has(ArgumentCapture.RETURN_VALUE)).isFalse();
			}
		}
	}

	@Test
	void aCallThatDoesNotCaptureKeepsNoArgumentsEvenWhenGivenSome() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(submitted::add, this.spans, Severity.INFO, 0, false, "app.jar");
		Span root = tracer.enter(INFO, null, new Object[] { "SKU-1", 3 });
		tracer.complete(tracer.enter(INFO, root, new Object[] { "SKU-2", 4 }), "receipt");
		tracer.complete(root, "receipt");
		assertThat(encode(submitted)).allSatisfy((e) -> assertThat(e.get("attributes").propertyNames())
			.noneMatch((name) -> name.startsWith("function.arguments.") || name.equals(ArgumentCapture.RETURN_VALUE)));
	}

}
