package dev.cloudtelemetry.core.context;

/**
 * The span {@link SpanFactory} creates: a name, a correlation prefix and details given up front.
 */
final class SimpleSpan extends AbstractSpan {

	private final String name;

	private final String correlationPrefix;

	private final Object details;

	// cached on first use (the logging MDC asks for it); racy but idempotent, and String is safely published
	private String spanIdHex;

	SimpleSpan(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, Span parent, String name,
			String correlationPrefix, long startNanos, Object details) {
		super(traceIdHigh, traceIdLow, spanId, parentSpanId, parent, startNanos);
		this.name = name;
		this.correlationPrefix = correlationPrefix;
		this.details = details;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Object details() {
		return this.details;
	}

	@Override
	public String correlationPrefix() {
		return this.correlationPrefix;
	}

	@Override
	public String spanIdHex() {
		String hex = this.spanIdHex;
		if (hex == null) {
			hex = super.spanIdHex();
			this.spanIdHex = hex;
		}
		return hex;
	}

}
