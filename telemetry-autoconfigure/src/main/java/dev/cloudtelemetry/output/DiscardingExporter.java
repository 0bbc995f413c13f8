package dev.cloudtelemetry.output;

/**
 * The output of {@code telemetry.output.type=none}: no JSONL file or standard output, for an application
 * whose only destination is another exporter (OTLP). Lines handed to it count as written.
 */
public final class DiscardingExporter implements EventExporter {

	@Override
	public void export(byte[] lines, int offset, int length) {
	}

	@Override
	public void close() {
	}

	@Override
	public String describe() {
		return "none";
	}

}
