package dev.cloudtelemetry.output.otlp;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.DebugInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.Rotation;

import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.await;
import static dev.cloudtelemetry.output.otlp.OtlpExporterTests.spans;
import static dev.cloudtelemetry.output.otlp.RetryAfterTests.span;
import static dev.cloudtelemetry.output.otlp.TestLines.START;
import static dev.cloudtelemetry.output.otlp.TestLines.bytes;
import static dev.cloudtelemetry.output.otlp.TestLines.entry;
import static dev.cloudtelemetry.output.otlp.TestLines.exit;
import static dev.cloudtelemetry.output.otlp.TestLines.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's gRPC sender against a real grpc-java {@code TraceService} on 127.0.0.1: spans arrive whole (gzip
 * and headers included), a refusal carrying a {@code google.rpc.RetryInfo} (as a Collector's {@code UNAVAILABLE}
 * may) is asked again only after its delay, in memory and in durable mode, and any other refusal is told
 * apart as the official sender tells it.
 */
class RetryInfoGrpcSenderTests {

	@TempDir
	Path dir;

	private final OtlpGrpcReceiver receiver;

	RetryInfoGrpcSenderTests() throws Exception {
		this.receiver = new OtlpGrpcReceiver();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.receiver.close();
	}

	private SpanExporter delegate(String endpoint, String compression) {
		return OtlpGrpcSpanExporter.builder()
			.setEndpoint(endpoint)
			.setCompression(compression)
			.addHeader("api-key", "k-123")
			.setRetryPolicy(null)
			.setComponentLoader(RetryInfoGrpcSender.loader())
			.build();
	}

	private OtlpExportSettings settings() {
		return RetryAfterTests.settings(this.receiver.endpoint());
	}

	private static io.grpc.StatusRuntimeException refusal(Code code, String message, Duration retryDelay) {
		RetryInfo retryInfo = RetryInfo.newBuilder()
			.setRetryDelay(com.google.protobuf.Duration.newBuilder()
				.setSeconds(retryDelay.toSeconds())
				.setNanos(retryDelay.toNanosPart()))
			.build();
		return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
			.setCode(code.getNumber())
			.setMessage(message)
			.addDetails(Any.pack(DebugInfo.newBuilder().setDetail("before the retry info").build()))
			.addDetails(Any.pack(retryInfo))
			.build());
	}

	private List<Long> gapsMillis() {
		return RetryAfterTests.gapsMillis(this.receiver.arrivals());
	}

	@Test
	void spansArriveWithGzipAndTheConfiguredHeaders() throws Exception {
		try (OtlpExporter exporter = new OtlpExporter(delegate(this.receiver.endpoint(), "gzip"), settings())) {
			byte[] lines = bytes(entry(spanId(1), null, "OrderService.place", START),
					exit(spanId(1), null, "OrderService.place", START + 5, 5, "INFO"),
					exit(spanId(2), null, "OrderService.place", START + 7, 5, "INFO"));
			exporter.export(lines, 0, lines.length);
			await(() -> exporter.stats().exported() == 2);
			assertThat(exporter.stats().lastError()).isNull();
		}
		assertThat(spans(this.receiver.requests())).extracting((span) -> span.getName())
			.containsExactlyInAnyOrder("OrderService.place", "OrderService.place");
		assertThat(this.receiver.headers()).allSatisfy((headers) -> {
			assertThat(headers.get(Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("k-123");
			assertThat(headers.get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("gzip");
		});
	}

	@Test
	void inMemoryUnavailableWithRetryInfoIsAskedAgainOnlyAfterItsDelay() throws Exception {
		this.receiver.refuse(refusal(Code.UNAVAILABLE, "collector restarting: 100% busy", Duration.ofSeconds(2)));
		try (OtlpExporter exporter = new OtlpExporter(delegate(this.receiver.endpoint(), "none"), settings())) {
			byte[] line = span(1);
			exporter.export(line, 0, line.length);
			await(() -> this.receiver.refusedRequests() == 2);
			assertThat(exporter.stats().lastError())
				.isEqualTo("the collector answered gRPC UNAVAILABLE collector restarting: 100% busy (RetryInfo 2 s)");
			this.receiver.accept();
			await(() -> exporter.stats().exported() == 1);
		}
		assertThat(this.receiver.arrivals()).hasSize(3);
		// the backoff alone would retry after 20-200 ms here
		assertThat(gapsMillis()).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(2000));
		assertThat(spans(this.receiver.requests())).hasSize(1);
	}

	@Test
	void durableResourceExhaustedWithRetryInfoIsAskedAgainOnlyAfterItsDelay() throws Exception {
		FileExporter file = new FileExporter(this.dir.resolve("telemetry.jsonl"), Rotation.NONE, false);
		this.receiver.refuse(refusal(Code.RESOURCE_EXHAUSTED, "memory limit", Duration.ofMillis(1500)));
		try (DurableOtlpExporter exporter = new DurableOtlpExporter(delegate(this.receiver.endpoint(), "none"),
				settings(), this.dir.resolve("telemetry.jsonl"))) {
			byte[] line = span(1);
			file.export(line, 0, line.length);
			await(() -> this.receiver.refusedRequests() == 1);
			this.receiver.accept();
			await(() -> spans(this.receiver.requests()).size() == 1);
			assertThat(exporter.stats().lastError())
				.isEqualTo("the collector answered gRPC RESOURCE_EXHAUSTED memory limit (RetryInfo 1.5 s)");
		}
		file.close();
		assertThat(gapsMillis()).singleElement().satisfies((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1500));
	}

	@Test
	void aRefusalThatNoRetryCanChangeIsCountedAsRejected() throws Exception {
		this.receiver.refuse(Status.INVALID_ARGUMENT.withDescription("bad span"));
		try (OtlpExporter exporter = new OtlpExporter(delegate(this.receiver.endpoint(), "none"), settings())) {
			byte[] line = span(1);
			exporter.export(line, 0, line.length);
			await(() -> exporter.stats().dropped().get("rejected") == 1);
			assertThat(exporter.stats().lastError()).isEqualTo("the collector answered gRPC INVALID_ARGUMENT bad span");
		}
		assertThat(this.receiver.refusedRequests()).isEqualTo(1);
	}

	@Test
	void aCollectorThatIsDownIsRetried() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (OtlpExporter exporter = new OtlpExporter(delegate("http://127.0.0.1:" + port, "none"), settings())) {
			byte[] line = span(1);
			exporter.export(line, 0, line.length);
			await(() -> exporter.stats().retrying());
			assertThat(exporter.stats().lastError()).startsWith("cannot reach the collector (ConnectException");
			assertThat(exporter.stats().pending()).isEqualTo(1);
		}
	}

	@Test
	void retryInfoIsReadFromTheStatusDetails() {
		com.google.rpc.Status status = StatusProto.fromThrowable(refusal(Code.UNAVAILABLE, "x", Duration.ofMillis(2500)));
		String padded = Base64.getEncoder().encodeToString(status.toByteArray());
		assertThat(RetryInfoGrpcSender.retryDelay(padded)).isEqualTo(Duration.ofMillis(2500));
		// grpc-java sends the trailer without padding
		assertThat(RetryInfoGrpcSender.retryDelay(padded.replace("=", ""))).isEqualTo(Duration.ofMillis(2500));
		String withoutRetryInfo = Base64.getEncoder()
			.encodeToString(com.google.rpc.Status.newBuilder()
				.setCode(14)
				.addDetails(Any.pack(DebugInfo.newBuilder().setDetail("d").build()))
				.build()
				.toByteArray());
		assertThat(RetryInfoGrpcSender.retryDelay(withoutRetryInfo)).isNull();
		assertThat(RetryInfoGrpcSender.retryDelay("not base64 at all!")).isNull();
		assertThat(RetryInfoGrpcSender.retryDelay(Base64.getEncoder().encodeToString(new byte[] { 0x1a, 0x7f, 1 })))
			.as("truncated").isNull();
		String long_ = Base64.getEncoder()
			.encodeToString(StatusProto.fromThrowable(refusal(Code.UNAVAILABLE, "x", Duration.ofDays(2))).toByteArray());
		assertThat(RetryInfoGrpcSender.retryDelay(long_)).isEqualTo(SpanSender.MAX_RETRY_AFTER);
	}

	@Test
	void grpcMessageIsPercentDecodedAndAnAnswerWithoutStatusGetsTheMappedOne() {
		assertThat(RetryInfoGrpcSender.percentDecoded("100%25 busy%2C caf%C3%A9+1")).isEqualTo("100% busy, café+1");
		assertThat(RetryInfoGrpcSender.percentDecoded("50%")).isEqualTo("50%");
		assertThat(RetryInfoGrpcSender.percentDecoded("%zz")).isEqualTo("%zz");
		assertThat(RetryInfoGrpcSender.fromHttp(503)).isEqualTo(GrpcStatusCode.UNAVAILABLE);
		assertThat(RetryInfoGrpcSender.fromHttp(429)).isEqualTo(GrpcStatusCode.UNAVAILABLE);
		assertThat(RetryInfoGrpcSender.fromHttp(401)).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
		assertThat(RetryInfoGrpcSender.fromHttp(404)).isEqualTo(GrpcStatusCode.UNIMPLEMENTED);
		assertThat(RetryInfoGrpcSender.fromHttp(500)).isEqualTo(GrpcStatusCode.UNKNOWN);
	}

}
