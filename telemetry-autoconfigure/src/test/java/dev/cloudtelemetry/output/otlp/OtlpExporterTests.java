package dev.cloudtelemetry.output.otlp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import io.grpc.Status;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.TRACE;
import static dev.cloudtelemetry.output.otlp.TestLines.bytes;
import static dev.cloudtelemetry.output.otlp.TestLines.entry;
import static dev.cloudtelemetry.output.otlp.TestLines.exit;
import static dev.cloudtelemetry.output.otlp.TestLines.query;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter against real OTLP receivers (HTTP/protobuf and gRPC) on 127.0.0.1, with the official
 * OpenTelemetry exporters in between.
 */
class OtlpExporterTests {

	private OtlpHttpReceiver http;

	private OtlpGrpcReceiver grpc;

	// closed after each test also when it fails: an exporter left retrying would send to a later test's receiver
	private final List<OtlpExporter> exporters = new ArrayList<>();

	@AfterEach
	void stopReceivers() throws Exception {
		this.exporters.forEach(OtlpExporter::close);
		if (this.http != null) {
			this.http.close();
		}
		if (this.grpc != null) {
			this.grpc.close();
		}
	}

	static OtlpExportSettings settings(String endpoint, int queueCapacity, Duration shutdownTimeout) {
		return new OtlpExportSettings(endpoint, queueCapacity, 512, Duration.ofMillis(20), Duration.ofSeconds(5),
				Duration.ofMillis(20), Duration.ofMillis(200), 100, shutdownTimeout, null);
	}

	OtlpExporter overHttp(int queueCapacity, Duration shutdownTimeout) throws Exception {
		this.http = new OtlpHttpReceiver();
		SpanExporter delegate = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.http.endpoint())
			.setRetryPolicy(null)
			.build();
		OtlpExporter exporter = new OtlpExporter(delegate, settings(this.http.endpoint(), queueCapacity, shutdownTimeout));
		this.exporters.add(exporter);
		return exporter;
	}

	@Test
	void entryAndExitBecomeOneSpanWithIdsTimesAttributesAndResource() throws Exception {
		String root = spanId(1);
		String child = spanId(2);
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			exporter.export(bytes(entry(root, null, "OrderController.place", START),
					entry(child, root, "OrderService.place", START + 10)), 0, 0);
			byte[] lines = bytes(entry(root, null, "OrderController.place", START),
					entry(child, root, "OrderService.place", START + 10), query(spanId(3), child, START + 500, 300),
					exit(child, root, "OrderService.place", START + 900, 890, "WARN"),
					exit(root, null, "OrderController.place", START + 1000, 1000, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> spans(this.http.requests()).size() == 3);
			assertThat(exporter.stats().produced()).isEqualTo(3);
		}
		Map<String, Span> spans = byId(spans(this.http.requests()));
		Span service = spans.get(child);
		assertThat(hex(service.getTraceId().toByteArray())).isEqualTo(TRACE);
		assertThat(hex(service.getParentSpanId().toByteArray())).isEqualTo(root);
		assertThat(service.getName()).isEqualTo("OrderService.place");
		assertThat(service.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
		assertThat(service.getStartTimeUnixNano()).isEqualTo(START + 10);
		assertThat(service.getEndTimeUnixNano()).isEqualTo(START + 900);
		assertThat(attributes(service.getAttributesList())).containsEntry("function.parameters", "sku, quantity")
			.containsEntry("thread.name", "http-nio-8080-exec-1")
			.containsEntry("code.function", "place")
			.containsEntry("correlation_id", "func_" + child.substring(8))
			.containsEntry("telemetry.severity", "WARN");
		assertThat(service.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		Span query = spans.get(spanId(3));
		assertThat(query.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(query.getName()).isEqualTo("SELECT orders");
		assertThat(query.getStartTimeUnixNano()).isEqualTo(START + 200);
		assertThat(attributes(query.getAttributesList())).containsEntry("db.system", "h2").doesNotContainKey("span.kind");
		assertThat(spans.get(root).getParentSpanId().isEmpty()).isTrue();
		ResourceSpans resourceSpans = this.http.requests().get(0).getResourceSpans(0);
		assertThat(attributes(resourceSpans.getResource().getAttributesList()))
			.containsEntry("service.name", "orders")
			.containsEntry("service.version", "1.2.3")
			.containsEntry("deployment.environment.name", "prod")
			.containsEntry("telemetry.sdk.name", "custom-injector")
			.containsEntry("telemetry.sdk.language", "java")
			.containsEntry("process.runtime.name", "java")
			.containsEntry("process.pid", "4242")
			.containsEntry("process.executable.path", "/usr/bin/java")
			.containsEntry("process.command_line", "java -jar orders.jar")
			.containsEntry("host.name", "node-1")
			.containsEntry("host.ip", "[10.0.0.7]")
			.containsEntry("host.id", "i-0abc")
			.containsEntry("cloud.provider", "aws")
			.containsEntry("cloud.platform", "aws_eks")
			.containsEntry("cloud.region", "eu-west-1")
			.containsEntry("cloud.account.id", "123456789012")
			.containsEntry("k8s.cluster.name", "prod")
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.pod.name", "orders-1")
			.containsEntry("k8s.pod.label.app", "orders");
		assertThat(resourceSpans.getScopeSpans(0).getScope().getName()).isEqualTo("dev.cloudtelemetry");
	}

	@Test
	void aLineWhoseResourceChangedIsExportedWithItsOwnResource() throws Exception {
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			String other = exit(spanId(3), null, "C.c", START + 9, 5, "INFO").replace("\"name\":\"orders\"",
					"\"name\":\"billing\"");
			dev.cloudtelemetry.test.TelemetrySchema.validate(other.trim());
			byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"),
					exit(spanId(2), null, "B.b", START + 7, 5, "INFO"), other,
					exit(spanId(4), null, "D.d", START + 11, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> exporter.stats().exported() == 4);
		}
		Map<String, String> services = new HashMap<>();
		this.http.requests().forEach((request) -> request.getResourceSpansList().forEach((resource) -> {
			String service = attributes(resource.getResource().getAttributesList()).get("service.name");
			resource.getScopeSpansList().forEach((scope) -> scope.getSpansList()
				.forEach((span) -> services.put(span.getName(), service)));
		}));
		assertThat(services).containsExactlyInAnyOrderEntriesOf(
				Map.of("A.a", "orders", "B.b", "orders", "C.c", "billing", "D.d", "orders"));
	}

	@Test
	void anErrorExitHasErrorStatusAndAnExceptionEvent() throws Exception {
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			byte[] lines = bytes(exit(spanId(1), null, "OrderService.place", START + 50, 50, "ERROR"));
			exporter.export(lines, 0, lines.length);
			await(() -> !this.http.requests().isEmpty());
		}
		Span span = spans(this.http.requests()).get(0);
		assertThat(span.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(span.getStatus().getMessage()).isEqualTo("java.lang.IllegalStateException: out of stock");
		assertThat(span.getEventsList()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(event.getTimeUnixNano()).isEqualTo(START + 50);
			assertThat(attributes(event.getAttributesList()))
				.containsEntry("exception.type", "java.lang.IllegalStateException")
				.containsEntry("exception.message", "out of stock")
				.containsEntry("exception.stacktrace", "at x");
		});
	}

	@Test
	void consecutiveIdenticalErrorsEachKeepTheirException() throws Exception {
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"),
					exit(spanId(2), spanId(3), "B.b", START + 50, 50, "ERROR"),
					exit(spanId(3), null, "C.c", START + 60, 60, "ERROR"),
					exit(spanId(4), null, "D.d", START + 70, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> exporter.stats().exported() == 4);
		}
		Map<String, Span> spans = byId(spans(this.http.requests()));
		for (int n : new int[] { 2, 3 }) {
			assertThat(spans.get(spanId(n)).getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
			assertThat(spans.get(spanId(n)).getEventsList()).singleElement()
				.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
		}
		assertThat(spans.get(spanId(4)).getEventsList()).isEmpty();
		assertThat(spans.get(spanId(4)).getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
	}

	@Test
	void http503And429AreRetriedWithBackoffAndTheBatchArrivesOnce() throws Exception {
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			this.http.failNext(503, 429);
			byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"),
					exit(spanId(2), null, "B.b", START + 9, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> exporter.stats().exported() == 2);
			OtlpExportStats stats = exporter.stats();
			assertThat(stats.lastError()).isEqualTo("the collector answered HTTP 429");
			assertThat(stats.lastSuccess()).isNotNull();
			assertThat(stats.retrying()).isFalse();
			assertThat(stats.droppedTotal()).isZero();
		}
		assertThat(this.http.refusedRequests()).isEqualTo(2);
		assertThat(spans(this.http.requests())).hasSize(2);
	}

	@Test
	void withOneInFlightBatchesGoOneAtATimeInOrderAndARetriedBatchArrivesBeforeTheNext() throws Exception {
		this.http = new OtlpHttpReceiver();
		OtlpExporter exporter = new OtlpExporter(
				OtlpHttpSpanExporter.builder().setEndpoint(this.http.endpoint()).setRetryPolicy(null).build(),
				new OtlpExportSettings(this.http.endpoint(), 1000, 4, Duration.ofMillis(20), Duration.ofSeconds(5),
						Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofSeconds(5), null, 1));
		this.exporters.add(exporter);
		// the first batch is refused twice: with a second batch sent before the first was taken, the retried first
		// batch would arrive after it
		this.http.failNext(503, 503);
		String[] lines = new String[40];
		for (int i = 0; i < lines.length; i++) {
			lines[i] = exit(spanId(i + 1), null, "A.a", START + i, 1, "INFO");
		}
		byte[] bytes = bytes(lines);
		exporter.export(bytes, 0, bytes.length);
		await(() -> exporter.stats().exported() == 40);
		assertThat(this.http.refusedRequests()).isEqualTo(2);
		assertThat(this.http.requests()).hasSize(10);
		assertThat(spans(this.http.requests())).extracting((span) -> HexFormat.of().formatHex(span.getSpanId().toByteArray()))
			.containsExactly(IntStream.rangeClosed(1, 40).mapToObj(TestLines::spanId).toArray(String[]::new));
		assertThat(exporter.stats().droppedTotal()).isZero();
	}

	/**
	 * A Collector a long round trip away: up to {@code maxInFlight} requests travel at once (the third waits for
	 * the first answer), and an outage that refuses both reports once and loses nothing.
	 */
	@Test
	void upToMaxInFlightBatchesTravelAtOnceAndAnOutageRefusingThemAllIsReportedOnceWithNothingLost()
			throws Exception {
		this.http = new OtlpHttpReceiver();
		Logger julLogger = Logger.getLogger(OtlpExporter.class.getName());
		List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		Level level = julLogger.getLevel();
		julLogger.setLevel(Level.INFO);
		julLogger.addHandler(handler);
		try {
			OtlpExporter exporter = new OtlpExporter(
					OtlpHttpSpanExporter.builder().setEndpoint(this.http.endpoint()).setRetryPolicy(null).build(),
					new OtlpExportSettings(this.http.endpoint(), 1000, 4, Duration.ofMillis(20), Duration.ofSeconds(5),
							Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofSeconds(5), null, 2));
			this.exporters.add(exporter);
			this.http.holdAnswers();
			byte[] first = bytes(spanLines(1, 12));
			exporter.export(first, 0, first.length);
			await(() -> this.http.waitingRequests() == 2);
			Thread.sleep(300);
			assertThat(this.http.arrivals()).as("the third batch waits for an answer").hasSize(2);
			this.http.release();
			await(() -> exporter.stats().exported() == 12);
			assertThat(this.http.requests()).hasSize(3);
			// both batches on their way are refused: each is retried until taken, one WARN and one INFO in all
			this.http.holdAnswers();
			this.http.failNext(503, 503);
			byte[] second = bytes(spanLines(13, 20));
			exporter.export(second, 0, second.length);
			await(() -> this.http.waitingRequests() == 2);
			this.http.release();
			await(() -> exporter.stats().exported() == 20);
			assertThat(this.http.refusedRequests()).isEqualTo(2);
			assertThat(spans(this.http.requests()))
				.extracting((span) -> HexFormat.of().formatHex(span.getSpanId().toByteArray()))
				.containsExactlyInAnyOrder(
						IntStream.rangeClosed(1, 20).mapToObj(TestLines::spanId).toArray(String[]::new));
			assertThat(exporter.stats().droppedTotal()).isZero();
			assertThat(records).filteredOn((r) -> r.getLevel() == Level.WARNING)
				.extracting(LogRecord::getMessage)
				.singleElement()
				.asString()
				.contains("failed (the collector answered HTTP 503");
			assertThat(records).filteredOn((r) -> r.getLevel() == Level.INFO)
				.extracting(LogRecord::getMessage)
				.singleElement()
				.asString()
				.contains("works again");
		}
		finally {
			julLogger.removeHandler(handler);
			julLogger.setLevel(level);
		}
	}

	private static String[] spanLines(int from, int to) {
		String[] lines = new String[to - from + 1];
		for (int i = from; i <= to; i++) {
			lines[i - from] = exit(spanId(i), null, "A.a", START + i, 1, "INFO");
		}
		return lines;
	}

	@Test
	void aRejectedBatchIsCountedAndNotRetried() throws Exception {
		try (OtlpExporter exporter = overHttp(1000, Duration.ofSeconds(5))) {
			this.http.failNext(400);
			byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> exporter.stats().droppedTotal() == 1);
			assertThat(exporter.stats().dropped()).containsEntry("rejected", 1L);
			assertThat(exporter.stats().lastError()).isEqualTo("the collector answered HTTP 400 Bad Request");
		}
		assertThat(this.http.refusedRequests()).isEqualTo(1);
		assertThat(this.http.requests()).isEmpty();
	}

	@Test
	void grpcUnavailableIsRetriedUntilTheReceiverTakesTheBatch() throws Exception {
		this.grpc = new OtlpGrpcReceiver();
		this.grpc.refuse(Status.UNAVAILABLE.withDescription("collector restarting"));
		SpanExporter delegate = OtlpGrpcSpanExporter.builder()
			.setEndpoint(this.grpc.endpoint())
			.setRetryPolicy(null)
			.build();
		try (OtlpExporter exporter = new OtlpExporter(delegate,
				settings(this.grpc.endpoint(), 1000, Duration.ofSeconds(5)))) {
			byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> this.grpc.refusedRequests() >= 2);
			assertThat(exporter.stats().retrying()).isTrue();
			assertThat(exporter.stats().pending()).isEqualTo(1);
			assertThat(exporter.stats().lastError()).contains("gRPC UNAVAILABLE").contains("collector restarting");
			this.grpc.accept();
			await(() -> exporter.stats().exported() == 1);
		}
		assertThat(spans(this.grpc.requests())).singleElement()
			.satisfies((span) -> assertThat(span.getName()).isEqualTo("A.a"));
	}

	@Test
	void whileTheCollectorIsDownTheQueueIsBoundedAndEverySpanIsExportedOrCountedAsDropped() throws Exception {
		OtlpExporter exporter = overHttp(50, Duration.ofMillis(300));
		this.http.refuse(503);
		int produced = 0;
		for (int i = 0; i < 200; i++) {
			byte[] lines = bytes(entry(spanId(i), null, "A.a", START + i), exit(spanId(i), null, "A.a", START + i + 1, 1, "INFO"));
			int refused = this.http.refusedRequests();
			exporter.export(lines, 0, lines.length);
			produced++;
			if (i == 0 || i == 101) {
				// the exporter's thread is busy retrying a refused batch: what comes meanwhile waits in the
				// bounded queue, however fast the thread would otherwise drain it
				await(() -> this.http.refusedRequests() > refused && exporter.stats().retrying());
			}
			if (i == 100) {
				this.http.accept();
				await(() -> exporter.stats().exported() > 0);
				this.http.refuse(503);
			}
		}
		OtlpExportStats before = exporter.stats();
		assertThat(before.backlog()).isLessThanOrEqualTo(50);
		assertThat(before.dropped().get("queue_full")).isPositive();
		exporter.close();
		OtlpExportStats stats = exporter.stats();
		assertThat(stats.produced()).isEqualTo(produced);
		assertThat(stats.pending()).isZero();
		assertThat(stats.exported() + stats.droppedTotal()).isEqualTo(produced);
		assertThat(stats.exported()).isEqualTo(spans(this.http.requests()).size());
		assertThat(stats.dropped().get("shutdown")).isPositive();
	}

	/**
	 * A collector that takes connections and never answers: past the shutdown timeout no request starts, so the
	 * exporter thread is done when {@code close()} returns and every span is counted, instead of one request
	 * timeout per batch left.
	 */
	@Test
	void pastTheShutdownTimeoutNoRequestStartsSoCloseEndsWithEverySpanCounted() throws Exception {
		try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						held.add(hung.accept());
					}
				}
				catch (java.io.IOException ex) {
					// closed
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			String endpoint = "http://127.0.0.1:" + hung.getLocalPort() + "/v1/traces";
			OtlpExporter exporter = new OtlpExporter(OtlpHttpSpanExporter.builder()
				.setEndpoint(endpoint)
				.setRetryPolicy(null)
				.setTimeout(Duration.ofMillis(300))
				.setComponentLoader(RetryAfterHttpSender.loader())
				.build(), new OtlpExportSettings(endpoint, 100, 1, Duration.ofMillis(1), Duration.ofMillis(300),
						Duration.ofMillis(20), Duration.ofMillis(200), 100, Duration.ofMillis(100), null));
			this.exporters.add(exporter);
			for (int n = 0; n < 10; n++) {
				byte[] line = bytes(exit(spanId(n), null, "A.a", START + n, 5, "INFO"));
				exporter.export(line, 0, line.length);
			}
			await(() -> exporter.stats().lastError() != null);
			exporter.close();
			OtlpExportStats stats = exporter.stats();
			assertThat(stats.running()).isFalse();
			assertThat(stats.pending()).isZero();
			assertThat(stats.dropped()).containsEntry("shutdown", 10L);
			held.forEach((socket) -> {
				try {
					socket.close();
				}
				catch (java.io.IOException ex) {
					// test clean-up
				}
			});
		}
	}

	@Test
	void spansAfterCloseAreCountedAsShutdown() throws Exception {
		OtlpExporter exporter = overHttp(50, Duration.ofMillis(300));
		exporter.close();
		byte[] lines = bytes(exit(spanId(1), null, "A.a", START + 5, 5, "INFO"));
		exporter.export(lines, 0, lines.length);
		assertThat(exporter.stats().dropped()).containsEntry("shutdown", 1L);
		assertThat(exporter.stats().running()).isFalse();
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() throws Exception {
		try (OtlpExporter exporter = new OtlpExporter(OtlpHttpSpanExporter.builder().build(),
				new OtlpExportSettings("x", 10, 10, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
						Duration.ofSeconds(30), 10, Duration.ofMillis(10), null))) {
			for (int attempt = 0; attempt < 8; attempt++) {
				long expected = Math.min(30_000_000_000L, 1_000_000_000L << attempt);
				assertThat(exporter.backoffNanos(attempt)).isBetween(expected / 2, expected);
			}
			assertThat(exporter.backoffNanos(100)).isBetween(15_000_000_000L, 30_000_000_000L);
		}
	}

	static List<Span> spans(List<ExportTraceServiceRequest> requests) {
		return requests.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.toList();
	}

	static Map<String, Span> byId(List<Span> spans) {
		Map<String, Span> result = new HashMap<>();
		spans.forEach((span) -> assertThat(result.put(hex(span.getSpanId().toByteArray()), span)).isNull());
		return result;
	}

	static Map<String, String> attributes(List<KeyValue> values) {
		Map<String, String> result = new HashMap<>();
		values.forEach((value) -> result.put(value.getKey(), text(value.getValue())));
		return result;
	}

	static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpExporterTests::text).toList().toString();
			default -> value.toString();
		};
	}

	static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}

	static void await(BooleanSupplier condition) throws InterruptedException {
		// generous: only a failure waits this long
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
