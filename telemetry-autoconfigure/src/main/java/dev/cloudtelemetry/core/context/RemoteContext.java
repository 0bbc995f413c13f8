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

	/**
	 * The context of another tracer's span from its hex ids.
	 * @param traceId 32 hex digits, or 16 for a 64-bit trace id (Brave's, for instance)
	 * @param spanId 16 hex digits
	 * @param sampled whether the other tracer samples the trace
	 * @return the context, or {@code null} when an id is malformed or all zeros
	 */
	public static RemoteContext fromHex(String traceId, String spanId, boolean sampled) {
		if (traceId == null || spanId == null || spanId.length() != 16
				|| (traceId.length() != 32 && traceId.length() != 16) || !isHex(traceId) || !isHex(spanId)) {
			return null;
		}
		long high = (traceId.length() == 32) ? TraceIds.parseHex(traceId, 0, 16) : 0;
		long low = TraceIds.parseHex(traceId, traceId.length() - 16, 16);
		long span = TraceIds.parseHex(spanId, 0, 16);
		if ((high == 0 && low == 0) || span == 0) {
			return null;
		}
		return new RemoteContext(high, low, span, sampled, null);
	}

	private static boolean isHex(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.digit(text.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
