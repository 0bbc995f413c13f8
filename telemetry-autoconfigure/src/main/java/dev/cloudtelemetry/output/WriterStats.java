package dev.cloudtelemetry.output;

/**
 * A snapshot of the writer's state.
 *
 * @param output where lines go
 * @param running whether the writer thread is running
 * @param written events written
 * @param dropped events dropped because the queue was full or the writer was closed
 * @param failed events encoded but lost to an output error or that could not be encoded
 * @param queueDepth events waiting to be written
 * @param queueCapacity size of the queue
 * @param lastError the last output error in plain words, or {@code null}
 */
public record WriterStats(String output, boolean running, long written, long dropped, long failed, int queueDepth,
		int queueCapacity, String lastError) {

}
