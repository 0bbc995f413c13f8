package dev.cloudtelemetry.core.context;

/**
 * A span context received from another process.
 *
 * @param traceIdHigh upper 64 bits of the trace id
 * @param traceIdLow lower 64 bits of the trace id
 * @param spanId the caller's span id
 * @param sampled the W3C sampled flag
 * @param traceState the raw {@code tracestate} header, or {@code null}
 */
public record RemoteContext(long traceIdHigh, long traceIdLow, long spanId, boolean sampled, String traceState) {

}
