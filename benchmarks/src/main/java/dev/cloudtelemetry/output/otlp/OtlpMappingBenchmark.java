package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.cloudtelemetry.benchmarks.BenchmarkEvents;
import dev.cloudtelemetry.benchmarks.ThreadCpu;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.resource.Resource;

/**
 * The two halves of the OTLP exporter thread's work per span, each on the benchmark's own thread (no sender,
 * no receiver, no waiting): {@code mapLines} is the starter's part (reading the JSONL lines in place and
 * pairing entry with exit into spans), {@code marshalSize} and {@code marshalWrite} are the official
 * exporter's (the protobuf sizes its {@code export} computes on the calling thread, and the bytes its sender
 * then writes). One operation is one span, from the same 4,096 lines (2,048 spans) as {@code OtlpExportBenchmark}.
 * {@code [thread-cpu]} prints the CPU time and allocation per span of the benchmark thread after each
 * iteration. In the package of the classes it measures, which are not public.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OtlpMappingBenchmark {

	private static final int LINES = 4096;

	private static final int SPANS = LINES / 2;

	private byte[] lines;

	private final SpanMapper mapper = new SpanMapper(10_000, null);

	private final List<SpanData> spans = new ArrayList<>(SPANS);

	private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();

	@Setup
	public void setUp() {
		Resource resource = BenchmarkEvents.resource();
		TelemetryEvent[] events = BenchmarkEvents.methodEvents(LINES);
		EventEncoder encoder = new EventEncoder(() -> resource, false, 16384);
		JsonWriter buffer = new JsonWriter(LINES * 2048);
		for (int i = 0; i < LINES; i++) {
			encoder.encode(events[i], i + 1, buffer);
		}
		this.lines = java.util.Arrays.copyOf(buffer.buffer(), buffer.length());
		mapLines();
		if (this.spans.size() != SPANS) {
			throw new IllegalStateException(this.spans.size() + " spans mapped");
		}
	}

	@Benchmark
	@OperationsPerInvocation(SPANS)
	public List<SpanData> mapLines(ThreadCpu cpu) {
		cpu.operations += SPANS;
		return mapLines();
	}

	private List<SpanData> mapLines() {
		this.spans.clear();
		byte[] bytes = this.lines;
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				SpanData span = this.mapper.map(bytes, start, i);
				if (span != null) {
					this.spans.add(span);
				}
				start = i + 1;
			}
		}
		return this.spans;
	}

	@Benchmark
	@OperationsPerInvocation(SPANS)
	public int marshalSize(ThreadCpu cpu) {
		cpu.operations += SPANS;
		this.marshaler.initialize(this.spans);
		int size = this.marshaler.getBinarySerializedSize();
		this.marshaler.reset();
		return size;
	}

	@Benchmark
	@OperationsPerInvocation(SPANS)
	public int marshalWrite(ThreadCpu cpu) throws IOException {
		cpu.operations += SPANS;
		this.marshaler.initialize(this.spans);
		int size = this.marshaler.getBinarySerializedSize();
		this.marshaler.writeBinaryTo(OutputStream.nullOutputStream());
		this.marshaler.reset();
		return size;
	}

}
