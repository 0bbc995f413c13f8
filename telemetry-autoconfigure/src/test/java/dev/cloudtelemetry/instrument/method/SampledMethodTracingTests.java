package dev.cloudtelemetry.instrument.method;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SamplingSettings;
import dev.cloudtelemetry.core.sampling.SamplingStats;
import dev.cloudtelemetry.core.sampling.SpanFilter;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.instrument.http.HttpServerTracer;
import dev.cloudtelemetry.instrument.http.HttpServerTracer.IncomingRequest;
import dev.cloudtelemetry.instrument.http.RecordedHeaders;
import dev.cloudtelemetry.instrument.http.TraceParent;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.OverflowPolicy;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sampling through the real method tracer: the decision from the trace id, traces held and written whole
 * when they fail, the bounds on what is held, the span budget, filters and the {@code traceparent} flags.
 */
class SampledMethodTracingTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private static final MethodInfo PLACE = info("OrderService.place", "com.example.OrderService");

	private static final MethodInfo CHECK = info("StockService.check", "com.example.StockService");

	private static final MethodInfo AUDIT = info("AuditLog.write", "com.example.AuditLog");

	@TempDir
	Path tempDir;

	private static MethodInfo info(String name, String namespace) {
		return new MethodInfo(name, namespace, name.substring(name.indexOf('.') + 1), "", Severity.INFO,
				ReturnKind.SYNCHRONOUS);
	}

	private static SamplingSettings settings(double rate, boolean keepErrors) {
		return new SamplingSettings(rate, keepErrors, 0, 1000, 16L << 20, 0, true, Integer.MAX_VALUE);
	}

	private static MethodTracer tracer(EventSink sink, Sampling sampling) {
		return new MethodTracer(sink, new SpanFactory(NanoClock.system(), ExternalParent.NONE, sampling), Severity.INFO,
				0, false, "app.jar");
	}

	private static List<JsonNode> encode(List<TelemetryEvent> events, double rate) {
		EventEncoder encoder = new EventEncoder(() -> RESOURCE, false, 1000).sampleRate(rate);
		JsonWriter out = new JsonWriter(256);
		long sequence = 1;
		for (TelemetryEvent event : events) {
			encoder.encode(event, sequence++, out);
		}
		return TelemetrySchema.validateLines(out.toString());
	}

	@Test
	void atRateOneTenthTheKeptTracesAreWithinTheBinomialInterval() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		Sampling sampling = new Sampling(settings(0.1, false), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		int traces = 10_000;
		for (int i = 0; i < traces; i++) {
			Span root = tracer.enter(PLACE, null);
			tracer.exit(tracer.enter(CHECK, root), null);
			tracer.exit(root, null);
		}
		Set<Span> kept = submitted.stream().map(TelemetryEvent::span).map(SampledMethodTracingTests::root)
			.collect(Collectors.toSet());
		// n = 10,000, p = 0.1: mean 1,000, standard deviation 30; 99.9 % two-sided is ±3.29 sd
		assertThat(kept.size()).isBetween(902, 1098);
		// every kept trace is whole: two spans, four events
		assertThat(submitted).hasSize(kept.size() * 4);
		SamplingStats stats = sampling.stats();
		assertThat(stats.kept()).isEqualTo(kept.size());
		assertThat(stats.discarded()).isEqualTo(traces - kept.size());
		assertThat(encode(submitted.subList(0, 4), 0.1))
			.allSatisfy((line) -> assertThat(line.get("attributes").get("sample_rate").asDouble()).isEqualTo(0.1));
	}

	@Test
	void theDecisionFollowsTheTraceIdAsOpenTelemetrysRatioSamplerDoes() {
		Sampling sampling = new Sampling(settings(0.25, false), List.of(), System::nanoTime);
		long bound = (long) (0.25 * Long.MAX_VALUE);
		assertThat(sampling.sampledById(bound - 1)).isTrue();
		assertThat(sampling.sampledById(-(bound - 1))).isTrue();
		assertThat(sampling.sampledById(bound)).isFalse();
		assertThat(sampling.sampledById(Long.MAX_VALUE)).isFalse();
		Sampling none = new Sampling(settings(0.0, false), List.of(), System::nanoTime);
		assertThat(none.sampledById(0)).isFalse();
		assertThat(none.sampledById(1)).isFalse();
	}

	@Test
	void atRateZeroWithKeepErrorsEveryFailedTraceIsWrittenWholeAndNothingElse() throws Exception {
		Path file = this.tempDir.resolve("t.jsonl");
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file),
				new EventEncoder(() -> RESOURCE, false, 1000).sampleRate(0.0), 64, OverflowPolicy.BLOCK,
				NanoClock.system())
			.start();
		Sampling sampling = new Sampling(settings(0.0, true), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(writer, sampling);
		Set<String> failedTraces = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			Span root = tracer.enter(PLACE, null);
			Span check = tracer.enter(CHECK, root);
			Span audit = tracer.enter(AUDIT, check);
			boolean fails = i % 7 == 0;
			tracer.exit(audit, fails ? new IllegalStateException("audit log full") : null);
			tracer.exit(check, null);
			tracer.exit(tracer.enter(AUDIT, root), null);
			tracer.exit(root, null);
			if (fails) {
				failedTraces.add(root.traceIdHex());
			}
		}
		writer.close();
		List<JsonNode> lines = TelemetrySchema.readValidated(file);
		Map<String, List<JsonNode>> byTrace = lines.stream()
			.collect(Collectors.groupingBy((line) -> line.get("trace_id").asString()));
		assertThat(byTrace.keySet()).isEqualTo(failedTraces);
		for (List<JsonNode> trace : byTrace.values()) {
			assertThat(trace).extracting((line) -> line.get("event_type").asString())
				.containsExactly("function_entry", "function_entry", "function_entry", "function_exit", "function_exit",
						"function_entry", "function_exit", "function_exit");
			Set<String> spanIds = trace.stream().map((line) -> line.get("span_id").asString()).collect(Collectors.toSet());
			assertThat(spanIds).hasSize(4);
			assertThat(trace).filteredOn((line) -> !line.get("parent_span_id").isNull())
				.allSatisfy((line) -> assertThat(spanIds).contains(line.get("parent_span_id").asString()));
			assertThat(trace).allSatisfy(
					(line) -> assertThat(line.get("attributes").get("sample_rate").asDouble()).isEqualTo(0.0));
		}
		// sequence numbers are those of the writing: consecutive, in file order
		assertThat(lines).extracting((line) -> line.get("sequence").asLong())
			.isEqualTo(java.util.stream.LongStream.rangeClosed(1, lines.size()).boxed().toList());
		SamplingStats stats = sampling.stats();
		assertThat(stats.keptForError()).isEqualTo(failedTraces.size());
		assertThat(stats.discarded()).isEqualTo(200 - failedTraces.size());
		assertThat(stats.kept()).isZero();
		assertThat(stats.bufferedBytes()).isZero();
	}

	@Test
	void aSlowSpanKeepsItsUnsampledTrace() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		AtomicLong now = new AtomicLong(1_000_000_000L);
		NanoClock clock = new NanoClock() {
			@Override
			public long epochNanos() {
				return now.get();
			}
		};
		Sampling sampling = new Sampling(new SamplingSettings(0.0, false, 500_000_000L, 1000, 16L << 20, 0, true,
				Integer.MAX_VALUE), List.of(), System::nanoTime);
		MethodTracer tracer = new MethodTracer(submitted::add, new SpanFactory(clock, ExternalParent.NONE, sampling),
				Severity.INFO, 0, false, "app.jar");
		Span fast = tracer.enter(PLACE, null);
		now.addAndGet(100_000_000L);
		tracer.exit(fast, null);
		Span slow = tracer.enter(PLACE, null);
		Span check = tracer.enter(CHECK, slow);
		now.addAndGet(600_000_000L);
		tracer.exit(check, null);
		tracer.exit(slow, null);
		assertThat(submitted).extracting(TelemetryEvent::span).containsExactly(slow, check, check, slow);
		assertThat(sampling.stats().keptForLatency()).isEqualTo(1);
		assertThat(sampling.stats().discarded()).isEqualTo(1);
	}

	@Test
	void anIncomingSampledFlagDecidesAndTheOutgoingTraceparentCarriesTheDecision() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		Sampling sampling = new Sampling(settings(0.0, false), List.of(), System::nanoTime);
		SpanFactory spans = new SpanFactory(NanoClock.system(), ExternalParent.NONE, sampling);
		HttpServerTracer server = new HttpServerTracer(submitted::add, spans, SemanticConventions.LEGACY,
				Severity.INFO, Severity.WARN, Redactors.of(List.of(new UrlRedactor(new UrlSanitizer(List.of())))), new RecordedHeaders(List.of()));
		MethodTracer tracer = new MethodTracer(submitted::add, spans, Severity.INFO, 0, false, "app.jar");
		IncomingRequest request = new IncomingRequest("GET", "http://127.0.0.1/orders", "/orders", "127.0.0.1", 80,
				"127.0.0.1");
		Span sampled = server.start(request, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null, null,
				null);
		Span call = tracer.enter(PLACE, sampled);
		assertThat(TraceParent.format(tracer.enter(CHECK, call))).endsWith("-01");
		Span unsampled = server.start(request, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null, null,
				null);
		assertThat(TraceParent.format(tracer.enter(CHECK, unsampled))).endsWith("-00");
		Span local = tracer.enter(PLACE, null);
		Span child = tracer.enter(CHECK, local);
		assertThat(TraceParent.format(child)).endsWith("-00")
			.contains(local.traceIdHex() + "-" + child.spanIdHex());
		assertThat(submitted).extracting(TelemetryEvent::span).allSatisfy((span) -> assertThat(root(span))
			.isSameAs(sampled));
		Sampling all = new Sampling(settings(1.0, false), List.of(), System::nanoTime);
		Span root = tracer(submitted::add, all).enter(PLACE, null);
		assertThat(TraceParent.format(root)).endsWith("-01");
		assertThat(TraceParent.parse(TraceParent.format(child), null).sampled()).isFalse();
	}

	@Test
	void anotherTracersSamplerDoesNotDecideWhatTheStarterWrites() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		RemoteContext unsampledByMicrometer = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736",
				"00f067aa0ba902b7", false);
		Sampling all = new Sampling(settings(1.0, false), List.of(), System::nanoTime);
		MethodTracer tracer = new MethodTracer(submitted::add,
				new SpanFactory(NanoClock.system(), () -> unsampledByMicrometer, all), Severity.INFO, 0, false,
				"app.jar");
		tracer.exit(tracer.enter(PLACE, null), null);
		assertThat(submitted).hasSize(2);
		assertThat(submitted.get(0).span().traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void pastTheSpanBudgetMethodSpansAreCountedNotWritten() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		Sampling sampling = new Sampling(new SamplingSettings(1.0, true, 0, 1000, 16L << 20, 0, true, 1000),
				List.of(), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		Span root = tracer.enter(PLACE, null);
		for (int i = 0; i < 100_000; i++) {
			tracer.exit(tracer.enter(CHECK, root), null);
		}
		tracer.exit(root, null);
		// the root and 999 children: 1,000 spans, 2,000 events
		assertThat(submitted).hasSize(2000);
		List<JsonNode> rootLines = encode(submitted.stream().filter((event) -> event.span() == root).toList(), 1.0);
		assertThat(rootLines.get(1).get("attributes").get("telemetry.spans_suppressed").asInt()).isEqualTo(99_001);
		assertThat(rootLines.get(0).get("attributes").has("telemetry.spans_suppressed")).isFalse();
		assertThat(sampling.stats().spansSuppressed()).isEqualTo(99_001);
	}

	@Test
	void aFilterDropsASpanWithBothItsEventsAndItsChildrenUnlessItKeepsThem() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		SpanFilter dropStock = (span) -> span.name().startsWith("StockService.") ? SpanFilter.Decision.DROP
				: SpanFilter.Decision.ABSTAIN;
		SpanFilter keepAudit = (span) -> (span.name().startsWith("AuditLog.") && span.parentDropped())
				? SpanFilter.Decision.KEEP : SpanFilter.Decision.ABSTAIN;
		MethodInfo helper = info("StockHelper.round", "com.example.StockHelper");
		Sampling sampling = new Sampling(settings(1.0, true), List.of(dropStock, keepAudit), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		Span root = tracer.enter(PLACE, null);
		Span check = tracer.enter(CHECK, root);
		Span rounding = tracer.enter(helper, check);
		tracer.exit(rounding, null);
		Span audit = tracer.enter(AUDIT, check);
		tracer.exit(audit, null);
		tracer.exit(check, null);
		tracer.exit(root, null);
		assertThat(submitted).extracting(TelemetryEvent::span).containsExactly(root, audit, audit, root);
		assertThat(check.filteredOut()).isTrue();
		assertThat(rounding.filteredOut()).isTrue();
		assertThat(encode(submitted, 1.0)).extracting((line) -> line.get("event_type").asString())
			.containsExactly("function_entry", "function_entry", "function_exit", "function_exit");
	}

	@Test
	void aFailingFilterAbstains() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		SpanFilter broken = (span) -> {
			throw new IllegalStateException("filter bug");
		};
		MethodTracer tracer = tracer(submitted::add, new Sampling(settings(1.0, true), List.of(broken), System::nanoTime));
		tracer.exit(tracer.enter(PLACE, null), null);
		assertThat(submitted).hasSize(2);
	}

	@Test
	void maxTracesPerSecondLimitsSampledTracesButNotThoseKeptForAnError() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		AtomicLong nanos = new AtomicLong();
		Sampling sampling = new Sampling(new SamplingSettings(1.0, true, 0, 1000, 16L << 20, 5, true,
				Integer.MAX_VALUE), List.of(), nanos::get);
		MethodTracer tracer = tracer(submitted::add, sampling);
		for (int i = 0; i < 20; i++) {
			Span root = tracer.enter(PLACE, null);
			tracer.exit(root, (i == 19) ? new IllegalStateException("late failure") : null);
		}
		nanos.addAndGet(1_000_000_000L);
		for (int i = 0; i < 20; i++) {
			tracer.exit(tracer.enter(PLACE, null), null);
		}
		SamplingStats stats = sampling.stats();
		assertThat(stats.kept()).isEqualTo(10);
		assertThat(stats.keptForError()).isEqualTo(1);
		assertThat(stats.rateLimited()).isEqualTo(30);
		assertThat(submitted).hasSize(22);
	}

	@Test
	void theBuffersBoundsHoldUnderEightThreadsAndEveryTraceIsDecidedOnce() throws Exception {
		Map<Span, List<TelemetryEvent>> written = new ConcurrentHashMap<>();
		EventSink sink = (event) -> written.computeIfAbsent(root(event.span()), (key) -> new ArrayList<>()).add(event);
		// at most 20 spans per trace held, and 64 KiB (256 events) for all traces together
		Sampling sampling = new Sampling(new SamplingSettings(0.0, true, 0, 20, 64 * 1024, 0, true,
				Integer.MAX_VALUE), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(sink, sampling);
		int threads = 8;
		int tracesPerThread = 500;
		AtomicLong maxHeld = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < tracesPerThread; i++) {
					Span root = tracer.enter(PLACE, null);
					// small traces fail early or never; large ones (30 spans) fail at their end
					int spans = (i % 3 == 0) ? 30 : 5;
					for (int s = 0; s < spans; s++) {
						tracer.exit(tracer.enter(CHECK, root), null);
						maxHeld.accumulateAndGet(sampling.stats().bufferedBytes(), Math::max);
					}
					boolean fails = (i + thread) % 4 == 0;
					tracer.exit(root, fails ? new IllegalStateException("failed") : null);
				}
			});
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		SamplingStats stats = sampling.stats();
		assertThat(maxHeld.get()).isLessThanOrEqualTo(64 * 1024);
		assertThat(stats.bufferedBytes()).isZero();
		assertThat(stats.overBudget()).isPositive();
		assertThat(stats.keptForError() + stats.discarded()).isEqualTo(threads * tracesPerThread);
		assertThat(written.size()).isEqualTo(stats.keptForError());
		// a written trace is whole: its root's entry first, its root's exit last, every child's two events
		for (Map.Entry<Span, List<TelemetryEvent>> trace : written.entrySet()) {
			List<TelemetryEvent> events = trace.getValue();
			assertThat(events.get(0).span()).isSameAs(trace.getKey());
			assertThat(events.get(events.size() - 1).span()).isSameAs(trace.getKey());
			Map<Span, Integer> perSpan = new HashMap<>();
			events.forEach((event) -> perSpan.merge(event.span(), 1, Integer::sum));
			assertThat(perSpan.values()).containsOnly(2);
			assertThat(events.size()).isLessThanOrEqualTo(2 * 20 + 2);
		}
	}

	@Test
	void aHeldTraceReservesAtMostTwiceWhatItHoldsAgainstTheGlobalBound() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		Sampling sampling = new Sampling(settings(0.0, true), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		// a root alone: its entry and exit, not the eight events' worth a trace used to reserve at once
		Span root = tracer.enter(PLACE, null);
		assertThat(sampling.stats().bufferedBytes()).isEqualTo(2 * 256);
		List<Long> reserved = new ArrayList<>();
		for (int held = 2; held <= 40; held += 2) {
			tracer.exit(tracer.enter(CHECK, root), null);
			reserved.add(sampling.stats().bufferedBytes());
			assertThat(sampling.stats().bufferedBytes()).as("%d held", held + 1)
				.isBetween((held + 1) * 256L, Math.max(4, 2 * (held + 1)) * 256L);
		}
		// 3 held: 4 reserved; 5: 8; then 8 more at a time (one update of the global count per 8 events)
		assertThat(reserved.subList(0, 4)).containsExactly(4 * 256L, 8 * 256L, 8 * 256L, 16 * 256L);
		tracer.exit(root, new IllegalStateException("failed"));
		assertThat(submitted).hasSize(42);
		assertThat(sampling.stats().bufferedBytes()).isZero();
	}

	@Test
	void theGlobalBoundHoldsEveryEventThatFitsEvenWhenAFewAtOnceDoNot() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		// room for three held events (256 bytes each) in all, less than the few a trace reserves at once
		Sampling sampling = new Sampling(new SamplingSettings(0.0, true, 0, 1000, 3 * 256, 0, true,
				Integer.MAX_VALUE), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		Span root = tracer.enter(PLACE, null);
		Span check = tracer.enter(CHECK, root);
		tracer.exit(check, null);
		assertThat(sampling.stats().bufferedBytes()).isEqualTo(3 * 256);
		assertThat(sampling.stats().overBudget()).isZero();
		// the fourth event does not fit: the trace is decided now, from what happened so far (nothing failed)
		Span audit = tracer.enter(AUDIT, root);
		assertThat(sampling.stats().overBudget()).isEqualTo(1);
		assertThat(sampling.stats().bufferedBytes()).isZero();
		tracer.exit(audit, new IllegalStateException("too late to keep the trace"));
		tracer.exit(root, null);
		assertThat(submitted).isEmpty();
		assertThat(sampling.stats().discarded()).isEqualTo(1);
		assertThat(sampling.stats().bufferedBytes()).isZero();
	}

	@Test
	void aHeldTraceThatFailsIsWrittenWholeInOrderWhateverItsSize() {
		List<TelemetryEvent> submitted = new ArrayList<>();
		Sampling sampling = new Sampling(settings(0.0, true), List.of(), System::nanoTime);
		MethodTracer tracer = tracer(submitted::add, sampling);
		Span root = tracer.enter(PLACE, null);
		List<Span> expected = new ArrayList<>(List.of(root));
		for (int i = 0; i < 50; i++) {
			Span check = tracer.enter(CHECK, root);
			tracer.exit(check, null);
			expected.add(check);
			expected.add(check);
		}
		assertThat(submitted).isEmpty();
		tracer.exit(root, new IllegalStateException("failed"));
		expected.add(root);
		assertThat(submitted).extracting(TelemetryEvent::span).containsExactlyElementsOf(expected);
		assertThat(sampling.stats().keptForError()).isEqualTo(1);
		assertThat(sampling.stats().bufferedBytes()).isZero();
		encode(submitted, 0.0);
	}

	private static Span root(Span span) {
		Span root = span;
		while (root.parent() != null) {
			root = root.parent();
		}
		return root;
	}

}
