package dev.cloudtelemetry.output;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The wall clock stepped three days ahead while a service runs, as a restore from a checkpoint or a suspended
 * machine does (the time {@code nanoTime} did not count): the writer notices within about a second and the
 * events it writes from then on carry wall-clock time, while every duration stays the time the call took.
 */
class ClockStepTests {

	private static final long DAY = Duration.ofDays(1).toNanos();

	private static final long TOLERANCE = Duration.ofSeconds(5).toNanos();

	@TempDir
	Path tempDir;

	/** Added to the real wall clock: what the test steps. */
	private final AtomicLong offset = new AtomicLong();

	@Test
	void eventsFollowTheWallClockWithinASecondAndDurationsStayExact() throws Exception {
		NanoClock clock = NanoClock.following(() -> wallNow() + this.offset.get());
		Path file = this.tempDir.resolve("events.jsonl");
		long startedAt = wallNow();
		long steppedAt;
		long outerStart = System.nanoTime();
		long outerNanos;
		try (AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024,
				OverflowPolicy.BLOCK, clock)
			.start()) {
			MethodTracer tracer = new MethodTracer(writer, new SpanFactory(clock), Severity.INFO, 0, false, "app.jar");
			Span outer = tracer.enter(method("Job.run"), null);
			call(tracer, "Job.before", outer);
			Thread.sleep(300);
			steppedAt = wallNow();
			this.offset.set(3 * DAY);
			// events keep coming, as on a busy service: the writer compares the clocks once a second
			for (int i = 0; i < 30; i++) {
				call(tracer, "Job.during", outer);
				Thread.sleep(50);
			}
			Thread.sleep(200);
			call(tracer, "Job.after", outer);
			tracer.exit(outer, null);
			outerNanos = System.nanoTime() - outerStart;
		}
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		assertThat(events).hasSize(2 + 2 + 60 + 2);
		for (JsonNode event : named(events, "Job.before")) {
			assertThat(event.get("timestamp_ns").asLong()).isCloseTo(startedAt, within(TOLERANCE));
		}
		for (JsonNode event : named(events, "Job.after")) {
			assertThat(event.get("timestamp_ns").asLong()).as("after the step")
				.isCloseTo(wallNow() + 3 * DAY, within(TOLERANCE));
		}
		List<JsonNode> during = named(events, "Job.during");
		assertThat(during.get(during.size() - 1).get("timestamp_ns").asLong()).as("a second or so after the step")
			.isGreaterThan(steppedAt + 3 * DAY);
		JsonNode outerEntry = named(events, "Job.run").get(0);
		JsonNode outerExit = named(events, "Job.run").get(1);
		assertThat(outerEntry.get("timestamp_ns").asLong()).isCloseTo(startedAt, within(TOLERANCE));
		assertThat(outerExit.get("timestamp_ns").asLong()).isCloseTo(wallNow() + 3 * DAY, within(TOLERANCE));
		assertThat(outerExit.get("duration_ns").asLong()).as("the call's own time, not the step")
			.isBetween(0L, outerNanos);
		assertThat(outerExit.get("duration_ns").asLong()).isGreaterThan(Duration.ofMillis(1500).toNanos());
		for (JsonNode event : events) {
			long nanos = event.get("timestamp_ns").asLong();
			assertThat(Instant.parse(event.get("timestamp").asString()))
				.isEqualTo(Instant.ofEpochSecond(0, nanos - nanos % 1_000_000));
		}
	}

	private static void call(MethodTracer tracer, String name, Span parent) {
		tracer.exit(tracer.enter(method(name), parent), null);
	}

	private static MethodInfo method(String name) {
		int dot = name.indexOf('.');
		return new MethodInfo(name, "com.example." + name.substring(0, dot), name.substring(dot + 1), "",
				Severity.INFO, ReturnKind.SYNCHRONOUS);
	}

	private static List<JsonNode> named(List<JsonNode> events, String name) {
		return events.stream().filter((event) -> event.get("function_name").asString().equals(name)).toList();
	}

	private static long wallNow() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

}
