package dev.cloudtelemetry.output.otlp;

/**
 * Durable mode's position in the JSONL files.
 *
 * @param checkpoint the file recording what the collector acknowledged
 * @param acknowledgedFile the file holding the last acknowledged line (its name when last seen), or
 * {@code ""} before the first acknowledgement
 * @param acknowledgedOffset the byte (uncompressed) after the last acknowledged line in it
 * @param backlogBytes bytes of complete lines written but not acknowledged yet
 * @param backlogFiles files holding such lines
 * @param prunedFiles files deleted by rotation ({@code max-total-size}) before they were shipped
 * @param prunedBytes their unshipped bytes
 * @param prunedSpans their unshipped spans (also counted as dropped {@code pruned})
 */
public record DurableExportState(String checkpoint, String acknowledgedFile, long acknowledgedOffset,
		long backlogBytes, int backlogFiles, long prunedFiles, long prunedBytes, long prunedSpans) {
}
