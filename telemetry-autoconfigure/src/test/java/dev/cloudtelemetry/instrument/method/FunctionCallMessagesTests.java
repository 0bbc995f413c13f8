package dev.cloudtelemetry.instrument.method;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced call's messages keep their text, and the encoder writes, for each, what the redactors return for
 * {@link TelemetryEvent#message()}, whether it builds the message or writes it from its parts.
 */
class FunctionCallMessagesTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private static final MethodInfo INFO = new MethodInfo("OrderService.place", "com.example.OrderService", "place",
			"", Severity.INFO, ReturnKind.SYNCHRONOUS);

	@Test
	void entryExitCancelledAndFailedCallsKeepTheirMessages() {
		List<TelemetryEvent> events = calls(1_234_567);
		assertThat(messagesAsBuilt(events)).containsExactly("Function 'OrderService.place' entry",
				"Function 'OrderService.place' exit (1.23ms)", "Function 'OrderService.place' entry",
				"Function 'OrderService.place' cancelled (1.23ms)", "Function 'OrderService.place' entry",
				"Function 'OrderService.place' failed with IllegalStateException (1.23ms)");
	}

	@Test
	void aMethodWithoutANameKeepsItsMessages() {
		List<TelemetryEvent> events = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(events::add, new SpanFactory(() -> 1_000_000_000L), Severity.INFO, 0,
				false, "app.jar");
		tracer.exit(tracer.enter(new MethodInfo(null, "com.example.X", "x", "", Severity.INFO,
				ReturnKind.SYNCHRONOUS), null), null);
		assertThat(messagesAsBuilt(events)).containsExactly("Function 'null' entry", "Function 'null' exit (0.00ms)");
	}

	@Test
	void theEncoderWritesWhatTheRedactorsReturnForEachMessage() {
		for (long duration : new long[] { 0, 4_999, 5_000, 1_234_567, 999_999_999_995_000_000L,
				1_000_000_000_000_000_001L }) {
			for (Redactors redactors : List.of(Redactors.NONE, Redactors.of(List.of(new SecretPatternRedactor(false))),
					Redactors.of(List.of((field, value) -> value.replace("exit", "EXIT"))))) {
				List<TelemetryEvent> events = calls(duration);
				List<String> expected = new ArrayList<>();
				for (String message : messagesAsBuilt(events)) {
					expected.add(redactors.redact(Field.MESSAGE, message));
				}
				EventEncoder encoder = new EventEncoder(() -> RESOURCE, false, Limits.none(1000), redactors);
				JsonWriter out = new JsonWriter(1024);
				for (TelemetryEvent event : events) {
					encoder.encode(event, 1, out);
				}
				assertThat(TelemetrySchema.validateLines(out.toString())).extracting((line) -> line.get("message"))
					.extracting(JsonNode::asString)
					.containsExactlyElementsOf(expected);
			}
		}
	}

	/** Each event's message as {@link TelemetryEvent#message()} builds it, encoding nothing. */
	private static List<String> messagesAsBuilt(List<TelemetryEvent> events) {
		List<String> messages = new ArrayList<>();
		for (TelemetryEvent event : events) {
			messages.add(event.message());
			event.afterEncoding();
		}
		return messages;
	}

	/** A call that returns, one cancelled and one that fails, each lasting {@code duration}. */
	private static List<TelemetryEvent> calls(long duration) {
		long[] reads = { 0 };
		SpanFactory spans = new SpanFactory(() -> 1_763_700_000_000_000_000L + ((reads[0]++ % 2 == 0) ? 0 : duration));
		List<TelemetryEvent> events = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(events::add, spans, Severity.INFO, 0, false, "app.jar");
		Span returns = tracer.enter(INFO, null);
		tracer.exit(returns, null);
		Span cancelled = tracer.enter(INFO, null);
		tracer.exit(cancelled, null, true);
		Span fails = tracer.enter(INFO, null);
		tracer.exit(fails, new IllegalStateException("no"));
		return events;
	}

}
