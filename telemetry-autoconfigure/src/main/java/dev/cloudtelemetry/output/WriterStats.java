package dev.cloudtelemetry.output;

import java.util.List;

/**
 * A snapshot of the writer's counters. Every event emitted is accounted for exactly once:
 * {@code emitted = written + dropped + failed + pending}, and at shutdown {@code pending} is zero.
 *
 * @param output where lines go (the first exporter)
 * @param running whether the writer thread is running
 * @param stalled whether the queue was found full while the writer's output had not returned for the stall
 * timeout (it hangs): application threads then drop and count instead of waiting, until it takes events again
 * @param emitted events the application offered
 * @param written events written by the first exporter
 * @param dropped events never encoded: the queue was full, or they came after shutdown could still write
 * @param failed events lost after they were taken: they could not be encoded, or the first exporter could
 * not write them within the retry buffer
 * @param pending events queued, in the writer's buffer or waiting in the first exporter's retry buffer
 * @param queueDepth events waiting in the queue
 * @param queueCapacity size of the queue
 * @param losses the events dropped and failed, by reason
 * @param lastError the last output error in plain words, or {@code null}
 * @param exporters each exporter's own counters, the first one included
 */
public record WriterStats(String output, boolean running, boolean stalled, long emitted, long written, long dropped, long failed,
		long pending, int queueDepth, int queueCapacity, Losses losses, String lastError,
		List<ExporterStats> exporters) {

	/**
	 * Events lost, by reason.
	 * @param queueFull dropped because the queue was full ({@code overflow=drop}; with {@code overflow=block}
	 * while the writer was stalled; or an event emitted by the writer thread itself)
	 * @param shutdown dropped because they were emitted after shutdown could still write them
	 * @param io not written because the output failed for longer than the retry buffer could cover
	 * @param encoding not written because encoding them threw
	 */
	public record Losses(long queueFull, long shutdown, long io, long encoding) {

		/** The events lost for any reason. */
		public long total() {
			return this.queueFull + this.shutdown + this.io + this.encoding;
		}

	}

	/**
	 * One exporter.
	 * @param output where it writes
	 * @param written events it wrote
	 * @param failed events it could not write
	 * @param retrying events kept to retry
	 * @param lastError its last error in plain words, or {@code null}
	 */
	public record ExporterStats(String output, long written, long failed, long retrying, String lastError) {

	}

}
