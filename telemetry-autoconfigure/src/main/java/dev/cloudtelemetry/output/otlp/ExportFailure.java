package dev.cloudtelemetry.output.otlp;

import java.time.Duration;
import java.util.Set;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * Why a batch was not accepted, in plain words, and whether sending it again can help: the OTLP
 * specification's retryable answers (HTTP 429, 502, 503, 504; gRPC {@code UNAVAILABLE},
 * {@code RESOURCE_EXHAUSTED}, {@code DEADLINE_EXCEEDED}, {@code ABORTED}, {@code CANCELLED},
 * {@code OUT_OF_RANGE}, {@code DATA_LOSS}), no answer at all (refused connection, timeout) and a timeout.
 * Anything else (400, 401, 413, {@code INVALID_ARGUMENT}, {@code UNAUTHENTICATED} ...) is a rejection: the
 * same batch would be rejected again.
 *
 * <p>
 * An HTTP answer's {@code Retry-After} is known only when the request went through {@link RetryAfterHttpSender},
 * a gRPC answer's {@code RetryInfo} only through {@link RetryInfoGrpcSender} (the official senders pass neither
 * on).
 *
 * @param retryable whether to send the batch again
 * @param words what happened, in plain words
 * @param retryAfter how long the collector asked to wait before the next attempt, or {@code null}
 */
record ExportFailure(boolean retryable, String words, @Nullable Duration retryAfter) {

	private static final Set<Integer> RETRYABLE_HTTP = Set.of(429, 502, 503, 504);

	private static final Set<GrpcStatusCode> RETRYABLE_GRPC = Set.of(GrpcStatusCode.UNAVAILABLE,
			GrpcStatusCode.RESOURCE_EXHAUSTED, GrpcStatusCode.DEADLINE_EXCEEDED, GrpcStatusCode.ABORTED,
			GrpcStatusCode.CANCELLED, GrpcStatusCode.OUT_OF_RANGE, GrpcStatusCode.DATA_LOSS);

	static ExportFailure timedOut(long millis) {
		return new ExportFailure(true, "no answer within " + millis + " ms", null);
	}

	static ExportFailure of(@Nullable Throwable failure) {
		if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
			HttpResponse response = http.getResponse();
			int status = response.getStatusCode();
			Duration retryAfter = (response instanceof RetryAfterHttpSender.Response answer) ? answer.retryAfter() : null;
			return new ExportFailure(RETRYABLE_HTTP.contains(status),
					("the collector answered HTTP " + status + " " + nonNull(response.getStatusMessage())).trim()
							+ ((retryAfter != null) ? " (Retry-After " + retryAfter.toSeconds() + " s)" : ""),
					retryAfter);
		}
		if (failure instanceof FailedExportException.GrpcExportException grpc && grpc.failedWithResponse()) {
			GrpcResponse response = grpc.getResponse();
			Duration retryAfter = (response instanceof RetryInfoGrpcSender.Response answer) ? answer.retryAfter() : null;
			return new ExportFailure(RETRYABLE_GRPC.contains(response.getStatusCode()),
					("the collector answered gRPC " + response.getStatusCode() + " "
							+ nonNull(response.getStatusDescription())).trim()
							+ ((retryAfter != null) ? " (RetryInfo " + seconds(retryAfter) + " s)" : ""),
					retryAfter);
		}
		Throwable cause = (failure != null && failure.getCause() != null) ? failure.getCause() : failure;
		if (cause == null) {
			return new ExportFailure(true, "the export failed without saying why", null);
		}
		return new ExportFailure(true, "cannot reach the collector (" + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")", null);
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? Long.toString(duration.toSeconds())
				: Double.toString(duration.toMillis() / 1000.0);
	}

	private static String nonNull(@Nullable String text) {
		return (text != null) ? text.trim() : "";
	}

}
