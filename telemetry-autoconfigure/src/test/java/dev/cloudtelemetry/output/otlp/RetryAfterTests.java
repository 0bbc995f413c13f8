package dev.cloudtelemetry.output.otlp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.Rotation;

import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.await;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.spans;
import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.bytes;
import static dev.cloudtelemetry.output.otlp.TestLines.exit;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector answering 429/503 with {@code Retry-After} (seconds or an HTTP-date) is asked again only after
 * that long, in memory and in durable mode: the receiver records when each request arrived. The backoff alone
 * would retry after 20–200 ms here.
 */
class RetryAfterTests {

	private static final long TOLERANCE_NANOS = Duration.ofMillis(50).toNanos();

	@TempDir
	Path dir;

	private final OtlpHttpReceiver receiver;

	RetryAfterTests() throws Exception {
		this.receiver = new OtlpHttpReceiver();
	}

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	private SpanExporter delegate() {
		return OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.endpoint())
			.setRetryPolicy(null)
			.setComponentLoader(RetryAfterHttpSender.loader())
			.build();
	}

	private OtlpExportSettings settings() {
		return settings(this.receiver.endpoint());
	}

	/** A backoff of 20–200 ms, so that a wait of a second or more can only be the collector's asking. */
	static OtlpExportSettings settings(String endpoint) {
		return new OtlpExportSettings(endpoint, 100, 10, Duration.ofMillis(10), Duration.ofSeconds(5),
				Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofSeconds(10), null);
	}

	static byte[] span(int n) {
		return bytes(exit(spanId(n), null, "OrderService.place", START + n, 5, "INFO"));
	}

	private List<Long> gapsMillis() {
		return gapsMillis(this.receiver.arrivals());
	}

	/** The time between consecutive arrivals, in milliseconds, given 50 ms of tolerance. */
	static List<Long> gapsMillis(List<Long> arrivals) {
		return java.util.stream.IntStream.range(1, arrivals.size())
			.mapToObj((i) -> (arrivals.get(i) - arrivals.get(i - 1) + TOLERANCE_NANOS) / 1_000_000)
			.toList();
	}

	@Test
	void inMemoryRetryAfterSecondsIsWaitedFor() throws Exception {
		this.receiver.retryAfter("2");
		this.receiver.failNext(503, 429);
		try (OtlpExporter exporter = new OtlpExporter(delegate(), settings())) {
			byte[] line = span(1);
			exporter.export(line, 0, line.length);
			await(() -> spans(this.receiver.requests()).size() == 1);
			assertThat(exporter.stats().lastError()).isEqualTo(
					"the collector answered HTTP 429 Too Many Requests (Retry-After 2 s)");
		}
		assertThat(this.receiver.arrivals()).hasSize(3);
		assertThat(gapsMillis()).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(2000));
	}

	@Test
	void durableRetryAfterAnHttpDateIsWaitedFor() throws Exception {
		FileExporter file = new FileExporter(this.dir.resolve("telemetry.jsonl"), Rotation.NONE, false);
		String inFourSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4));
		this.receiver.retryAfter(inFourSeconds);
		this.receiver.failNext(503);
		try (DurableOtlpExporter exporter = new DurableOtlpExporter(delegate(), settings(),
				this.dir.resolve("telemetry.jsonl"))) {
			byte[] line = span(1);
			file.export(line, 0, line.length);
			await(() -> spans(this.receiver.requests()).size() == 1);
		}
		file.close();
		assertThat(this.receiver.arrivals()).hasSize(2);
		// the date (whole seconds) was taken before the exporter started: at least 1.5 s after the refusal,
		// where the backoff alone would wait 20 ms
		assertThat(gapsMillis()).singleElement().satisfies((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1500));
	}

	@Test
	void retryAfterIsReadInBothForms() {
		Clock clock = Clock.fixed(Instant.parse("2026-10-21T07:27:30Z"), ZoneOffset.UTC);
		assertThat(RetryAfterHttpSender.retryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfterHttpSender.retryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfterHttpSender.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", clock))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfterHttpSender.retryAfter("Wed, 21 Oct 2026 07:00:00 GMT", clock))
			.as("a date in the past").isEqualTo(Duration.ZERO);
		assertThat(RetryAfterHttpSender.retryAfter("99999999999", clock)).isEqualTo(SpanSender.MAX_RETRY_AFTER);
		assertThat(RetryAfterHttpSender.retryAfter("soon", clock)).isNull();
		assertThat(RetryAfterHttpSender.retryAfter(null, clock)).isNull();
	}

	@Test
	void aLongRetryAfterIsCappedAndWithoutOneTheBackoffDecides() {
		SpanSender sender = new SpanSender(delegate(), settings(), Clock.systemUTC(), "");
		assertThat(sender.waitNanos(0, Duration.ofHours(2))).isEqualTo(SpanSender.MAX_RETRY_AFTER.toNanos());
		assertThat(sender.waitNanos(0, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7).toNanos());
		assertThat(sender.waitNanos(3, null)).isBetween(Duration.ofMillis(80).toNanos(),
				Duration.ofMillis(160).toNanos());
		// Retry-After: 0 (or a date already past) never makes the retries a busy loop: the backoff still holds
		assertThat(sender.waitNanos(3, Duration.ZERO)).isBetween(Duration.ofMillis(80).toNanos(),
				Duration.ofMillis(160).toNanos());
	}

}
