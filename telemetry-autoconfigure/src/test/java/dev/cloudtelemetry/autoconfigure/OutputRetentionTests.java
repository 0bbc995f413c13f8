package dev.cloudtelemetry.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.RetentionGuard;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation keeps a rotated file while any {@link RetentionGuard} bean needs it, so that durable OTLP export
 * and an application's own shipper can guard the same files; with several guards, none is ignored.
 */
class OutputRetentionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class))
		.withPropertyValues("telemetry.metadata.enabled=false", "telemetry.output.rotation.max-file-size=20KB",
				"telemetry.output.rotation.max-history=1");

	@TempDir
	Path tempDir;

	@Test
	void withTwoGuardBeansRotatedFilesAreKeptWhileEitherNeedsThem() {
		writeThroughRotation(TwoShippers.class, (context) -> {
			List<Path> files = files(this.tempDir);
			// max-history is 1, but the behind shipper released none of them
			assertThat(files).hasSizeGreaterThan(5);
			// the process's sequence: the contexts of earlier tests in this JVM took the numbers before these
			List<Long> sequences = sequences(files);
			assertThat(sequences).containsExactlyElementsOf(consecutive(sequences.get(0), 600));
			assertThat(context.getBean("behindShipper", Shipper.class).asked).isNotEmpty();
			assertThat(context.getBean("caughtUpShipper", Shipper.class).asked).isNotEmpty();
		});
	}

	@Test
	void beyondMaxTotalSizeAFileIsDeletedAllTheSameAndOnlyTheGuardsThatHeldItAreTold() {
		writeThroughRotation(TwoShippers.class, (context) -> {
			assertThat(context.getBean("behindShipper", Shipper.class).forced).isNotEmpty()
				.allSatisfy((file) -> assertThat(file).doesNotExist());
			assertThat(context.getBean("caughtUpShipper", Shipper.class).forced).isEmpty();
		}, "telemetry.output.rotation.max-total-size=100KB");
	}

	@Test
	void whenEveryGuardReleasedThemRotatedFilesBeyondMaxHistoryAreDeleted() {
		writeThroughRotation(TwoCaughtUpShippers.class, (context) -> {
			assertThat(files(this.tempDir)).hasSize(2).last().isEqualTo(this.tempDir.resolve("telemetry.jsonl"));
			assertThat(context.getBean("firstShipper", Shipper.class).asked).isNotEmpty();
			assertThat(context.getBean("secondShipper", Shipper.class).asked).isNotEmpty();
		});
	}

	/** Writes 600 events of ~300 bytes into 20 KB files, 20 at a time, closes the writer, then checks the files. */
	private void writeThroughRotation(Class<?> guards, ContextConsumer<AssertableApplicationContext> check,
			String... properties) {
		this.contextRunner.withUserConfiguration(guards)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("telemetry.jsonl"))
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AsyncEventWriter writer = context.getBean(AsyncEventWriter.class);
				emitSlowly(writer, context.getBean(SpanFactory.class).start(null, "rotation", null, null), 600);
				writer.close();
				check.accept(context);
			});
	}

	private static void emitSlowly(AsyncEventWriter writer, Span span, int count) throws InterruptedException {
		for (int i = 1; i <= count; i++) {
			writer.accept(GenericEvent.builder("test_event", System.currentTimeMillis() * 1_000_000L)
				.span(span)
				.message("event " + i + " " + "x".repeat(200))
				.build());
			if (i % 20 == 0) {
				// 6 KB at a time: a file is rotated before a batch that would take it past 20 KB, so many
				// small batches make many files (left alone, the writer would take the 600 events in two or
				// three batches, one file each)
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (writer.stats().written() < i && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
			}
		}
	}

	private static List<Path> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jsonl")).sorted().toList();
		}
	}

	private static List<Long> sequences(List<Path> files) {
		List<Long> sequences = new ArrayList<>();
		for (Path file : files) {
			TelemetrySchema.readValidated(file).forEach((line) -> sequences.add(line.get("sequence").asLong()));
		}
		sequences.sort(null);
		return sequences;
	}

	private static List<Long> consecutive(long first, int count) {
		List<Long> all = new ArrayList<>();
		for (long i = first; i < first + count; i++) {
			all.add(i);
		}
		return all;
	}

	/** A shipper of rotated files: releases them when it has caught up, and records what it was asked. */
	static final class Shipper implements RetentionGuard {

		final Set<Path> asked = ConcurrentHashMap.newKeySet();

		final Set<Path> forced = ConcurrentHashMap.newKeySet();

		private final boolean caughtUp;

		Shipper(boolean caughtUp) {
			this.caughtUp = caughtUp;
		}

		@Override
		public boolean released(Path file) {
			this.asked.add(file);
			return this.caughtUp;
		}

		@Override
		public void forcedDeletion(Path file) {
			this.forced.add(file);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoShippers {

		@Bean
		@Order(2)
		Shipper behindShipper() {
			return new Shipper(false);
		}

		@Bean
		@Order(1)
		Shipper caughtUpShipper() {
			return new Shipper(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoCaughtUpShippers {

		@Bean
		Shipper firstShipper() {
			return new Shipper(true);
		}

		@Bean
		Shipper secondShipper() {
			return new Shipper(true);
		}

	}

}
