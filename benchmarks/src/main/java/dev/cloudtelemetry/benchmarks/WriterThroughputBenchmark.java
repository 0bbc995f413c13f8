package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.resource.Resource;

/**
 * Full events per second that one writer thread encodes and writes into a file: the starter's
 * {@link EventEncoder} into a {@link JsonWriter}, handed to a {@code FileExporter} in 64 KiB batches, as
 * {@code AsyncEventWriter} does, against the same lines written with Jackson 3 (streaming generator, and
 * data binding of a map). One operation is one event; events are {@code function_entry} and
 * {@code function_exit} of a nested call with the static blocks of a service on EKS (about 1.8 KB a line).
 * The three encoders are checked to write the same JSON before the benchmark starts. After each iteration
 * the benchmark prints the writing thread's CPU time per event ({@link ThreadCpu}), which on a loaded
 * machine is the better measure of its capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WriterThroughputBenchmark {

	private static final int EVENTS = 4096;

	/** {@code file}: lines go to a file; {@code discard}: batches are thrown away, to measure encoding alone. */
	@Param({ "file", "discard" })
	public String target;

	/**
	 * {@code none}: the encoder without redactors; {@code default}: with the redactor the starter
	 * configures by default ({@link SecretPatternRedactor}), as a service runs it.
	 */
	@Param({ "none", "default", "web" })
	public String redaction;

	/**
	 * How many different methods the traced calls go round: {@code 1}, every call of the same method (each
	 * name and message repeats from event to event); {@code 15}, as the e2e application's request calls
	 * fifteen traced methods of its beans.
	 */
	@Param({ "1", "15" })
	public int methods;

	private Path directory;

	private TelemetryEvent[] events;

	private int next;

	private long sequence;

	private LineOutput output;

	private EventEncoder encoder;

	private JsonWriter buffer;

	private JacksonEventEncoders.Streaming jacksonStreaming;

	private JacksonEventEncoders.Databind jacksonDatabind;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = Files.createTempDirectory("writer-benchmark");
		Resource resource = BenchmarkEvents.resource();
		this.events = BenchmarkEvents.methodEvents(EVENTS, this.methods);
		JsonMapper mapper = JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build())
			.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
			.build();
		this.output = new LineOutput(this.directory.resolve("telemetry.jsonl"), this.target.equals("discard"));
		this.encoder = new EventEncoder(() -> resource, false, Limits.none(16384), redactors(this.redaction));
		this.buffer = new JsonWriter(LineOutput.FLUSH_BYTES + 8192);
		this.jacksonStreaming = new JacksonEventEncoders.Streaming(mapper, resource, this.output);
		this.jacksonDatabind = new JacksonEventEncoders.Databind(mapper, resource);
		checkSameOutput(mapper);
	}

	/** The writer's chain: none, the secret-pattern redactor, or that and a web application's URL redactor. */
	static Redactors redactors(String redaction) {
		return switch (redaction) {
			case "none" -> Redactors.NONE;
			case "default" -> Redactors.of(List.of(new SecretPatternRedactor(false)));
			case "web" -> Redactors.of(List.of(new SecretPatternRedactor(false),
					new UrlRedactor(new UrlSanitizer(UrlSanitizer.DEFAULT_MASKED_PARAMETERS))));
			default -> throw new IllegalArgumentException(redaction);
		};
	}

	private void checkSameOutput(JsonMapper mapper) throws IOException {
		// events[0] and events[1] are one call (one object) written as its entry, then its exit: each encoder
		// writes the pair, which leaves the object ready for the next encoder
		String[] handWritten = new String[2];
		String[] streaming = new String[2];
		String[] databind = new String[2];
		for (int i = 0; i < 2; i++) {
			this.encoder.encode(this.events[i], 1, this.buffer);
			handWritten[i] = this.buffer.toString();
			this.buffer.reset();
		}
		for (int i = 0; i < 2; i++) {
			this.jacksonStreaming.encode(this.events[i], 1);
			streaming[i] = this.output.pending();
			this.output.discard();
		}
		for (int i = 0; i < 2; i++) {
			this.jacksonDatabind.encode(this.events[i], 1, this.output);
			databind[i] = this.output.pending();
			this.output.discard();
		}
		for (int i = 0; i < 2; i++) {
			JsonNode expected = mapper.readTree(handWritten[i]);
			if (!expected.equals(mapper.readTree(streaming[i])) || !expected.equals(mapper.readTree(databind[i]))) {
				throw new IllegalStateException("Encoders disagree:%n%s%n%s%n%s%n".formatted(handWritten[i],
						streaming[i], databind[i]));
			}
		}
		System.out.printf("%nLine of %d bytes: %s", handWritten[0].length(), handWritten[0]);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		if (this.buffer.length() > 0) {
			this.output.writeOut(this.buffer.buffer(), this.buffer.length());
		}
		this.output.close();
		Files.deleteIfExists(this.directory);
	}

	private TelemetryEvent nextEvent() {
		TelemetryEvent event = this.events[this.next];
		this.next = (this.next + 1) & (EVENTS - 1);
		return event;
	}

	@Benchmark
	public void handWritten(ThreadCpu cpu) throws IOException {
		cpu.operations++;
		this.encoder.encode(nextEvent(), ++this.sequence, this.buffer);
		if (this.buffer.length() >= LineOutput.FLUSH_BYTES) {
			this.output.writeOut(this.buffer.buffer(), this.buffer.length());
			this.buffer.reset();
		}
	}

	@Benchmark
	public void jacksonStreaming(ThreadCpu cpu) throws IOException {
		cpu.operations++;
		this.jacksonStreaming.encode(nextEvent(), ++this.sequence);
		this.output.lineWritten();
	}

	@Benchmark
	public void jacksonDatabind(ThreadCpu cpu) throws IOException {
		cpu.operations++;
		this.jacksonDatabind.encode(nextEvent(), ++this.sequence, this.output);
		this.output.lineWritten();
	}

}
