package dev.cloudtelemetry.output.recent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.OverflowPolicy;
import dev.cloudtelemetry.output.recent.RecentTraces.TraceLines;
import dev.cloudtelemetry.output.recent.TraceDetail.SpanDetail;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recent traces fed by a real writer writing a real file: what the store keeps is what the file holds,
 * and the bounds hold.
 */
class RecentTracesTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("shop", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private final NanoClock clock = NanoClock.system();

	private final SpanFactory spans = new SpanFactory(this.clock);

	@TempDir
	Path tempDir;

	@Test
	void keepsExactlyTheLinesTheWriterWroteGroupedByTraceOnceTheLocalRootEnds() {
		RecentTraces store = new RecentTraces(10, 1 << 20);
		Path file = this.tempDir.resolve("out.jsonl");
		List<String> traceIds = new ArrayList<>();
		try (AsyncEventWriter writer = writer(file, store)) {
			for (int i = 0; i < 3; i++) {
				Span root = this.spans.start(null, "GET /orders", "func", null);
				Span child = this.spans.start(root, "OrderService.find", "func", null);
				writer.accept(start(root));
				writer.accept(start(child));
				writer.accept(end(child, (i == 1) ? Severity.ERROR : Severity.INFO));
				writer.accept(end(root, Severity.INFO));
				traceIds.add(root.traceIdHex());
			}
			Span open = this.spans.start(null, "GET /slow", "func", null);
			writer.accept(start(open));
		}
		List<JsonNode> written = TelemetrySchema.readValidated(file);
		List<TraceLines> completed = store.completedTraces();
		assertThat(completed).extracting(TraceLines::traceId).containsExactly(traceIds.get(2), traceIds.get(1), traceIds.get(0));
		for (TraceLines trace : completed) {
			assertThat(trace.lines()).hasSize(4).allSatisfy(TelemetrySchema::validate);
			assertThat(trace.lines().stream().map(TelemetrySchema::validate).toList())
				.containsExactlyElementsOf(written.stream()
					.filter((event) -> event.get("trace_id").asString().equals(trace.traceId()))
					.toList());
		}
		assertThat(store.stats().inProgress()).isEqualTo(1);

		TraceDetail detail = TraceAssembler.assemble(store.trace(traceIds.get(1)));
		assertThat(detail.summary().rootName()).isEqualTo("GET /orders");
		assertThat(detail.summary().service()).isEqualTo("shop");
		assertThat(detail.summary().errorCount()).isEqualTo(1);
		assertThat(detail.spans()).extracting(SpanDetail::name).containsExactly("GET /orders", "OrderService.find");
		assertThat(detail.spans().get(1).parentSpanId()).isEqualTo(detail.spans().get(0).spanId());
		assertThat(detail.spans().get(1).attributes()).containsEntry("step", "end");
		assertThat(detail.spans().get(0).kind()).isEqualTo("server");
	}

	@Test
	void keepsTheNewestTracesWithinTheCountAndTheBytesAndLetsGoOfOldInProgressTraces() {
		RecentTraces store = new RecentTraces(3, 1 << 20);
		Path file = this.tempDir.resolve("out.jsonl");
		try (AsyncEventWriter writer = writer(file, store)) {
			for (int i = 0; i < 5; i++) {
				Span never = this.spans.start(null, "never ends " + i, "func", null);
				writer.accept(start(never));
				Span root = this.spans.start(null, "trace " + i, "func", null);
				writer.accept(start(root));
				writer.accept(end(root, Severity.INFO));
			}
		}
		assertThat(store.completedTraces()).extracting((trace) -> TraceAssembler.assemble(trace).summary().rootName())
			.containsExactly("trace 4", "trace 3", "trace 2");
		RecentTraces.Stats stats = store.stats();
		// a fourth trace in progress (the next root, before it ends) pushes the oldest unfinished one out
		assertThat(stats.inProgress()).isEqualTo(2);
		assertThat(stats.evictedCompleted()).isEqualTo(2);
		assertThat(stats.evictedInProgress()).isEqualTo(3);

		long lineBytes = store.completedTraces().get(0).lines().get(0).length() + 1;
		RecentTraces small = new RecentTraces(100, lineBytes * 5);
		try (AsyncEventWriter writer = writer(this.tempDir.resolve("small.jsonl"), small)) {
			for (int i = 0; i < 10; i++) {
				Span root = this.spans.start(null, "trace " + i, "func", null);
				writer.accept(start(root));
				writer.accept(end(root, Severity.INFO));
			}
		}
		assertThat(small.stats().bytes()).isLessThanOrEqualTo(lineBytes * 5);
		assertThat(small.completedTraces()).hasSize(2);
	}

	@Test
	void oneRunawayTraceKeepsAtMostHalfTheBytesAndSaysHowManyLinesItLost() {
		RecentTraces store = new RecentTraces(10, 8 * 1024);
		try (AsyncEventWriter writer = writer(this.tempDir.resolve("out.jsonl"), store)) {
			Span root = this.spans.start(null, "batch", "func", null);
			writer.accept(start(root));
			for (int i = 0; i < 200; i++) {
				Span child = this.spans.start(root, "step", "func", null);
				writer.accept(end(child, Severity.INFO));
			}
			writer.accept(end(root, Severity.INFO));
		}
		TraceLines trace = store.completedTraces().get(0);
		assertThat(trace.linesNotKept()).isPositive();
		assertThat(String.join("\n", trace.lines()).length()).isLessThanOrEqualTo(4 * 1024);
		assertThat(TraceAssembler.assemble(trace).summary().linesNotKept()).isEqualTo(trace.linesNotKept());
	}

	@Test
	void aListenerThatFailsNeverStopsTheWriter() {
		Path file = this.tempDir.resolve("out.jsonl");
		try (AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file),
				new EventEncoder(() -> RESOURCE, false, 1000), 16, OverflowPolicy.BLOCK, this.clock)
			.listener((span, sequence, line, offset, length) -> {
				throw new IllegalStateException("broken listener");
			})
			.start()) {
			writer.accept(start(this.spans.start(null, "a", "func", null)));
			writer.accept(start(this.spans.start(null, "b", "func", null)));
		}
		assertThat(TelemetrySchema.readValidated(file)).hasSize(2);
	}

	private AsyncEventWriter writer(Path file, RecentTraces store) {
		return new AsyncEventWriter(new FileExporter(file), new EventEncoder(() -> RESOURCE, false, 1000), 1024,
				OverflowPolicy.BLOCK, this.clock)
			.listener(store)
			.start();
	}

	private GenericEvent start(Span span) {
		return GenericEvent.builder("test_start", span.startNanos())
			.span(span)
			.message(span.name() + " entry")
			.attribute("step", "start")
			.attribute("span.kind", span.name().startsWith("GET") ? "server" : null)
			.build();
	}

	private GenericEvent end(Span span, Severity severity) {
		long now = this.clock.epochNanos();
		return GenericEvent.builder("test_end", now)
			.span(span)
			.severity(severity)
			.durationNanos(now - span.startNanos())
			.message(span.name() + " exit")
			.attribute("step", "end")
			.build();
	}

}
