package dev.cloudtelemetry.core.context;

import dev.cloudtelemetry.core.sampling.LocalTrace;
import dev.cloudtelemetry.core.sampling.Sampling;

/**
 * The marker {@link CurrentSpan#EXCLUDED}: not a span of any trace. Its ids are never written; spans that
 * would be its children start traces of their own that are never written.
 */
final class ExcludedSpan extends Span {

	@Override
	public long traceIdHigh() {
		return 0;
	}

	@Override
	public long traceIdLow() {
		return 1;
	}

	@Override
	public long spanId() {
		return 1;
	}

	@Override
	public long parentSpanId() {
		return 0;
	}

	@Override
	public Span parent() {
		return null;
	}

	@Override
	public String name() {
		return "excluded";
	}

	@Override
	public long startNanos() {
		return 0;
	}

	@Override
	public Object details() {
		return null;
	}

	@Override
	public String correlationPrefix() {
		return "excluded";
	}

	@Override
	public LocalTrace localTrace() {
		return Sampling.EXCLUDED;
	}

}
