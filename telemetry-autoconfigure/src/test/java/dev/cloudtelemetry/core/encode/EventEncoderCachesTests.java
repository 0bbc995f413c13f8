package dev.cloudtelemetry.core.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.PureRedactor;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder keeps attribute keys and repeated values encoded; it must write exactly the bytes the encoder
 * before it wrote ({@link UncachedEventEncoder}), whatever the events, redactors and limits, and however
 * often a value repeats, as the same instance or as an equal one.
 */
class EventEncoderCachesTests {

	private static final long NOW = 1_763_700_000_123_456_789L;

	private static final String[] TEXTS = { "", "plain", "with \"quotes\" and \\ backslash", "line\nfeed\ttab\r\b\f",
			"control \u0001\u001f", "caf\u00e9 na\u00efve", "\u20ac 100 \u2028\u2029", "emoji \ud83d\ude00 end",
			"lone \ud83d surrogate", "lone low \ude00", "password=hunter2 in text", "Bearer abcdefghijklmnop",
			"x".repeat(40), "y".repeat(200), "\u00e9".repeat(90), "card 4111 1111 1111 1111 here" };

	private final Random random = new Random(42);

	private final SpanFactory spans = new SpanFactory(() -> NOW);

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWithoutRedactors() {
		assertSameBytes(Limits.none(300), Redactors.NONE);
	}

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWithTheDefaultRedactorAndSmallLimits() {
		assertSameBytes(new Limits(30, 25, 50, 20, 200, 15),
				Redactors.of(List.of(new SecretPatternRedactor(true))));
	}

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWithRedactorsThatChangeThrowOrReturnNull() {
		TelemetryRedactor changing = (field, value) -> value.contains("x") ? value.replace('x', 'X') : value;
		TelemetryRedactor failing = (field, value) -> {
			if (field.name().equals("fails")) {
				throw new IllegalStateException("broken redactor");
			}
			return field.name().equals("vanishes") ? null : value;
		};
		assertSameBytes(Limits.none(300), Redactors.of(List.of(changing, failing)));
	}

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWithTheBuiltInRedactorsAndPureOnesThatChangeMessages() {
		PureRedactor changesMessages = (field, value) -> (field.kind() == Field.Kind.MESSAGE)
				? value.replace("exit (1", "exit (one ") : value;
		assertSameBytes(Limits.none(300), Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of("token", "code"))),
				new SecretPatternRedactor(true), changesMessages)));
		assertSameBytes(new Limits(60, 25, 50, 20, 200, 15), Redactors.of(List.of(
				new UrlRedactor(new UrlSanitizer(List.of("token", "code"))), new SecretPatternRedactor(false))));
		// correlation ids (13 characters) cut
		assertSameBytes(new Limits(45, 12, 50, 20, 200, 15), Redactors.of(List.of(new SecretPatternRedactor(false))));
	}

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWhenARedactorOfMessagesIsNotPureOrFails() {
		TelemetryRedactor counting = (field, value) -> (field.kind() == Field.Kind.MESSAGE && value.endsWith("0ms)"))
				? value + " seen" : value.startsWith("func_") ? value.toUpperCase() : value;
		PureRedactor failing = new PureRedactor() {

			@Override
			public String redact(Field field, String value) {
				if (value.contains("exit (0.0")) {
					throw new IllegalStateException("broken redactor");
				}
				return value.contains("exit (2") ? null : value;
			}

			@Override
			public boolean passesWithMillis(Field field, String prefix) {
				throw new IllegalStateException("broken redactor");
			}

		};
		assertSameBytes(Limits.none(300), Redactors.of(List.of(new SecretPatternRedactor(false), counting)));
		assertSameBytes(Limits.none(300), Redactors.of(List.of(failing, new SecretPatternRedactor(false))));
	}

	@Test
	void theDefaultRedactorVouchesForOrdinaryExitMessagesAndNoOtherRedactorIsAssumedTo() {
		// so the corpus's ordinary exits take the path that writes them from their parts, and the others do not
		Redactors redactors = Redactors.of(List.of(new SecretPatternRedactor(false)));
		assertThat(redactors.passesWithMillis(Field.MESSAGE, "Function 'OrderService.placeOrder' exit (")).isTrue();
		assertThat(redactors.passesWithMillis(Field.MESSAGE, "Function 'Secrets.password=' exit (")).isFalse();
		assertThat(Redactors.of(List.<TelemetryRedactor>of(new SecretPatternRedactor(false), (field, value) -> value))
			.passesWithMillis(Field.MESSAGE, "Function 'OrderService.placeOrder' exit (")).isFalse();
	}

	@Test
	void writesTheSameBytesAsTheEncoderBeforeWithASampleRate() {
		Resource resource = EventEncoderTests.resource(true);
		EventEncoder encoder = new EventEncoder(() -> resource, true, Limits.none(300), Redactors.NONE)
			.sampleRate(0.25);
		UncachedEventEncoder before = new UncachedEventEncoder(() -> resource, true, Limits.none(300),
				Redactors.NONE)
			.sampleRate(0.25);
		List<TelemetryEvent> events = corpus();
		String written = encodeAll(encoder::encode, events);
		assertThat(written).isEqualTo(encodeAll(before::encode, events));
		assertThat(TelemetrySchema.validateLines(written)).hasSize(3 * events.size());
	}

	private void assertSameBytes(Limits limits, Redactors redactors) {
		Resource resource = EventEncoderTests.resource(true);
		EventEncoder encoder = new EventEncoder(() -> resource, true, limits, redactors);
		UncachedEventEncoder before = new UncachedEventEncoder(() -> resource, true, limits, redactors);
		List<TelemetryEvent> events = corpus();
		String written = encodeAll(encoder::encode, events);
		assertThat(written).isEqualTo(encodeAll(before::encode, events));
		assertThat(TelemetrySchema.validateLines(written)).hasSize(3 * events.size());
	}

	/** Three passes over the events: the second and third find every cache warm. */
	private static String encodeAll(Encoder encoder, List<TelemetryEvent> events) {
		JsonWriter out = new JsonWriter(1024);
		for (int pass = 0; pass < 3; pass++) {
			for (int i = 0; i < events.size(); i++) {
				encoder.encode(events.get(i), i + 1, out);
			}
		}
		return out.toString();
	}

	private interface Encoder {

		void encode(TelemetryEvent event, long sequence, JsonWriter out);

	}

	/**
	 * Events of every shape: values that repeat as the same instance, repeat as equal copies, alternate or
	 * change with every event; keys that need escaping; nulls, numbers, maps, lists and errors; and the
	 * entry and exit of traced calls, each submitted twice as the writer sees them.
	 */
	private List<TelemetryEvent> corpus() {
		List<TelemetryEvent> events = new ArrayList<>();
		Span root = this.spans.start(null, "root", "func", null);
		Object nullText = new Object() {
			@Override
			public String toString() {
				return null;
			}
		};
		for (int i = 0; i < 400; i++) {
			String text = TEXTS[this.random.nextInt(TEXTS.length)];
			String copy = new String(text.toCharArray());
			GenericEvent.Builder event = GenericEvent
				.builder((i % 3 == 0) ? "custom_other" : "custom_event", NOW + i * 1_234_567L)
				.severity((i % 11 == 0) ? Severity.ERROR : Severity.values()[i % Severity.values().length])
				.span((i % 2 == 1) ? root : this.spans.start(root, "child", (i % 4 == 0) ? "func" : null, null))
				.functionName((i % 5 == 0) ? null : (i % 2 == 0) ? text : "OrderService.placeOrder")
				.durationNanos((i % 2 == 0) ? -1 : i * 1_000_003L)
				.message((i % 2 == 0) ? text : copy)
				.attribute("same.instance", TEXTS[i % 3])
				.attribute("equal.copy", new String(TEXTS[i % 3].toCharArray()))
				.attribute("changing", "value " + i)
				.attribute("random", text)
				.attribute("ke\"y\n\u00e9", (i % 2 == 0) ? text : copy)
				.attribute("number", (long) i * i)
				.attribute("double", (i % 9 == 0) ? Double.NaN : i / 7.0)
				.attribute("bool", i % 2 == 0)
				.attribute("map", Map.of("k", text))
				.attribute("list", List.of(text, i))
				.attribute("to.string", (i % 6 == 0) ? nullText : new StringBuilder(text))
				.attribute("fails", text)
				.attribute("vanishes", text)
				.attribute("db.statement", "select * from t where x = '" + text + "'")
				.attribute("function.arguments.0", text)
				.attribute("key." + (i % 50), text);
			if (i % 11 == 0) {
				event.error(new IllegalStateException((i % 2 == 0) ? text : null,
						new IllegalArgumentException("cause " + text)));
			}
			events.add(event.build());
		}
		events.addAll(tracedCalls());
		events.addAll(tracedCallsOfEveryShape());
		return events;
	}

	private List<TelemetryEvent> tracedCalls() {
		long[] now = { NOW };
		SpanFactory spans = new SpanFactory(() -> now[0] += 1_234_567);
		List<TelemetryEvent> events = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(events::add, spans, Severity.INFO, 2_000_000L, true, "app.jar");
		MethodInfo controller = new MethodInfo("OrderController.create", "com.example.OrderController", "create",
				"request", Severity.INFO, ReturnKind.SYNCHRONOUS);
		MethodInfo service = new MethodInfo("OrderService.placeOrder", "com.example.OrderService", "placeOrder",
				"customerId, items", Severity.INFO, ReturnKind.SYNCHRONOUS);
		Span parent = tracer.enter(controller, null);
		for (int i = 0; i < 60; i++) {
			Span span = tracer.enter(service, parent);
			tracer.exit(span, (i % 5 == 0) ? new IllegalStateException("failed " + TEXTS[i % TEXTS.length]) : null);
		}
		tracer.exit(parent, null);
		// each call is one object submitted at entry and at exit, so it is in the list twice; encoding it twice
		// leaves it as it was for the next encoder
		return events;
	}

	/**
	 * Calls of methods whose names need escaping, hold what the default redactor looks for or end in a digit,
	 * with durations around each rounding and length boundary of the exit message, over and under the limits.
	 */
	private List<TelemetryEvent> tracedCallsOfEveryShape() {
		long[] durations = { 0, 4_999, 5_000, 9_999, 15_000, 994_999, 995_000, 1_234_567, 999_995_000L,
				1_000_000_000_000L, 999_999_999_994_999_999L, 999_999_999_995_000_000L, 1_000_000_000_000_000_000L,
				1_000_000_000_000_000_001L, 4_000_000_000_000_000_000L,
				// beyond 2^53 ns the double division rounds otherwise than integers would
				145_951_006_097_484_990L, 666_247_381_085_764_999L };
		long[] reads = { 0 };
		// enter reads the clock once, exit once: the clock alternates between a start and start + duration
		SpanFactory spans = new SpanFactory(() -> {
			long read = reads[0]++;
			return (read % 2 == 0) ? NOW : NOW + durations[(int) ((read / 2) % durations.length)];
		});
		List<TelemetryEvent> events = new ArrayList<>();
		MethodTracer tracer = new MethodTracer(events::add, spans, Severity.INFO, 0, false, "app.jar");
		// calls nested in another (with a parent_correlation_id): a clock that moves forward by small steps
		long[] now = { NOW, 0 };
		SpanFactory forward = new SpanFactory(() -> now[0] += durations[(int) (now[1]++ % 9)]);
		MethodTracer nesting = new MethodTracer(events::add, forward, Severity.INFO, 0, false, "app.jar");
		String[] names = { "OrderService.placeOrder", "Caf\u00e9Service.r\u00e9sum\u00e9", "Quote\"Service.say\\it\n",
				"Percent%Service.get%41", "Plus+Service.add", "Digits.version2", "Space.ends ", "Dash.ends-",
				"Secrets.password=", "Secrets.token:", "Urls.http://host/x?token=t", "\ud83d\ude00Emoji.call",
				"lone\ud83dHigh", "card 4111 1111 1111", "mail@example.com", "Bearer.abcdefghijkl", "x".repeat(300),
				"y".repeat(9), "y".repeat(10), "y".repeat(11), "\u2028Separator" };
		for (int i = 0; i < names.length * durations.length; i++) {
			String name = names[i % names.length];
			MethodInfo info = new MethodInfo(name, "com.example.Shapes", "call", "", Severity.INFO,
					ReturnKind.SYNCHRONOUS);
			Throwable error = (i % 7 == 3) ? new IllegalStateException("failed") : null;
			tracer.exit(tracer.enter(info, null), error);
			Span outer = nesting.enter(info, null);
			nesting.exit(nesting.enter(info, outer), error);
			nesting.exit(outer, null);
		}
		return events;
	}

	@Test
	void keysThatShareARecentSlotOrAreEqualCopiesAreEachWrittenWithTheirOwnLimit() {
		// the encoder keeps the keys written last in a table by hash: "Aa" and "BB" have the same hash, and
		// "key.130" lands in the slot of "db.statement", whose values have a limit of their own; an equal copy
		// of a key is a different instance
		Resource resource = EventEncoderTests.resource(true);
		Limits limits = new Limits(64, 20, 30, 64, 300, 20);
		EventEncoder encoder = new EventEncoder(() -> resource, true, limits, Redactors.NONE);
		UncachedEventEncoder before = new UncachedEventEncoder(() -> resource, true, limits, Redactors.NONE);
		assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
		assertThat("key.130".hashCode() & 63).isEqualTo("db.statement".hashCode() & 63);
		Span root = this.spans.start(null, "root", "func", null);
		String statement = "select name from owner where id = 42 and last_name like 'Davis%'";
		List<TelemetryEvent> events = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			events.add(GenericEvent.builder("custom_event", NOW + i)
				.span(root)
				.attribute((i % 2 == 0) ? "Aa" : "BB", statement)
				.attribute((i % 3 == 0) ? new String("db.statement") : "db.statement", statement)
				.attribute("key.130", statement)
				.build());
		}
		String written = encodeAll(encoder::encode, events);
		assertThat(written).isEqualTo(encodeAll(before::encode, events))
			.contains("\"db.statement\":\"select name from owner where i...[truncated 34 chars]\"")
			.contains("\"key.130\":\"select name from own...[truncated 44 chars]\"");
		assertThat(TelemetrySchema.validateLines(written)).hasSize(3 * events.size());
	}

	@Test
	void theKeyCacheStaysBoundedAndKeepsTheKeysInUseWhateverKeysAnApplicationWrites() {
		Resource resource = EventEncoderTests.resource(true);
		EventEncoder encoder = new EventEncoder(() -> resource, true, Limits.none(300), Redactors.NONE);
		UncachedEventEncoder before = new UncachedEventEncoder(() -> resource, true, Limits.none(300),
				Redactors.NONE);
		String longKey = "generated." + "k".repeat(10_000);
		Span root = this.spans.start(null, "root", "func", null);
		List<TelemetryEvent> events = new ArrayList<>();
		for (int i = 0; i < 6_000; i++) {
			events.add(GenericEvent.builder("custom_event", NOW + i)
				.span(root)
				.attribute("constant", "same")
				.attribute("generated." + i, "value " + i)
				.attribute(longKey + (i % 3), "long")
				.build());
		}
		JsonWriter cached = new JsonWriter(1024);
		JsonWriter uncached = new JsonWriter(1024);
		for (int i = 0; i < events.size(); i++) {
			encoder.encode(events.get(i), i + 1, cached);
			before.encode(events.get(i), i + 1, uncached);
			assertThat(encoder.rememberedKeys()).isLessThanOrEqualTo(1024);
			assertThat(encoder.remembersKey(longKey + (i % 3))).as("a key too long to keep").isFalse();
			if (cached.length() > 1 << 20) {
				assertThat(cached.toString()).isEqualTo(uncached.toString());
				TelemetrySchema.validateLines(cached.toString());
				cached = new JsonWriter(1024);
				uncached = new JsonWriter(1024);
			}
		}
		assertThat(cached.toString()).isEqualTo(uncached.toString());
		// a key first written after 6,000 others is kept, and so are the ones written on every event
		TelemetryEvent late = GenericEvent.builder("custom_event", NOW).span(root).attribute("late.key", "v").build();
		encoder.encode(late, 1, new JsonWriter(1024));
		assertThat(encoder.remembersKey("late.key")).isTrue();
		assertThat(encoder.remembersKey("constant")).isTrue();
	}

}
