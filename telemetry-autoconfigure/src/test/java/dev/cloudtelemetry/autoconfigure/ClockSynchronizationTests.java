package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A restore from a checkpoint (CRaC, AWS Lambda SnapStart) days after the checkpoint was taken: Spring stops the
 * context's lifecycle before the checkpoint and starts it again after the restore, and the first events after
 * it carry the time they happened, not the checkpoint's. The wall clock is stepped through the application's
 * own {@link NanoClock} bean ({@link NanoClock#following}); {@code stop()} and {@code start()} are what Spring's
 * lifecycle processor calls around a checkpoint.
 */
class ClockSynchronizationTests {

	private static final long TWO_DAYS = Duration.ofDays(2).toNanos();

	private static final AtomicLong OFFSET = new AtomicLong();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class))
		.withUserConfiguration(SteppedClock.class);

	@TempDir
	Path tempDir;

	@Test
	void startingTheLifecycleAgainFollowsTheWallClockAtOnce() {
		OFFSET.set(0);
		Path file = this.tempDir.resolve("events.jsonl");
		this.contextRunner.withPropertyValues("telemetry.output.path=" + file).run((context) -> {
			NanoClock clock = context.getBean(NanoClock.class);
			AsyncEventWriter writer = context.getBean(AsyncEventWriter.class);
			SpanFactory spans = context.getBean(SpanFactory.class);
			writer.accept(GenericEvent.builder("checkpoint_taken", clock.epochNanos())
				.span(spans.start(null, "before", "func", null))
				.build());
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (writer.stats().written() < 1 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(clock.correctionNanos()).isZero();
			context.stop();
			OFFSET.set(TWO_DAYS);
			context.start();
			assertThat(clock.correctionNanos()).as("corrected when the lifecycle starts, before any event")
				.isCloseTo(TWO_DAYS, within(Duration.ofMillis(1).toNanos()));
			writer.accept(GenericEvent.builder("restored", clock.epochNanos())
				.span(spans.start(null, "after", "func", null))
				.build());
		});
		List<JsonNode> events = TelemetrySchema.readValidated(file);
		assertThat(events).extracting((event) -> event.get("event_type").asString())
			.containsExactly("checkpoint_taken", "restored");
		long now = wallNow();
		assertThat(events.get(0).get("timestamp_ns").asLong()).isCloseTo(now, within(Duration.ofSeconds(30).toNanos()));
		assertThat(events.get(1).get("timestamp_ns").asLong()).isCloseTo(now + TWO_DAYS,
				within(Duration.ofSeconds(30).toNanos()));
	}

	@Test
	void aClockThatFailsToSynchronizeDoesNotStopTheContext() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class))
			.withBean(NanoClock.class, () -> new NanoClock() {

				@Override
				public long epochNanos() {
					return wallNow();
				}

				@Override
				public void synchronize() {
					throw new IllegalStateException("time service unavailable");
				}

			})
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("events.jsonl"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.stop();
				context.start();
				assertThat(context.getBean(ClockSynchronization.class).isRunning()).isTrue();
			});
	}

	private static long wallNow() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Configuration(proxyBeanMethods = false)
	static class SteppedClock {

		@Bean
		NanoClock steppedClock() {
			return NanoClock.following(() -> wallNow() + OFFSET.get());
		}

	}

}
