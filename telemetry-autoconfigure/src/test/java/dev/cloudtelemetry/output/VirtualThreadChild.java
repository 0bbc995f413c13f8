package dev.cloudtelemetry.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM for {@link VirtualThreadTests}, started with one carrier thread for all virtual threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}):
 * {@code VirtualThreadChild <file> <block|flush>}. The writer's output hangs (its exporter waits until released);
 * one virtual thread then waits on the writer: for room in the full queue ({@code block}, {@code overflow=block})
 * or for its events to be written ({@code flush}, as a Lambda handler does before it returns). While it waits,
 * a second virtual thread is started: it can run only if the first one left the carrier. Prints
 * {@code other virtual thread ran: true|false}, then releases the output and prints {@code written: N} once
 * every event is in the file.
 */
public final class VirtualThreadChild {

	/**
	 * Events the first virtual thread offers in {@code block} mode: far more than the writer can take in before it
	 * first calls its (hanging) output. While the queue keeps refilling, the writer drains and encodes up to 256 KiB
	 * of lines before one write; 200 of these short events once fitted in that and the thread never waited
	 * (seen in CI on JDK 25).
	 */
	static final int BLOCKING_EVENTS = 10_000;

	private VirtualThreadChild() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		boolean flush = args[1].equals("flush");
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch exporting = new CountDownLatch(1);
		EventExporter hanging = new EventExporter() {

			private final FileExporter output = new FileExporter(file);

			@Override
			public void export(byte[] lines, int offset, int length) throws IOException {
				exporting.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.output.export(lines, offset, length);
			}

			@Override
			public void close() throws IOException {
				this.output.close();
			}

			@Override
			public String describe() {
				return "an output that hangs until released";
			}

		};
		int events = BLOCKING_EVENTS;
		AsyncEventWriter writer = new AsyncEventWriter(hanging, TestEvents.encoder(), 16, OverflowPolicy.BLOCK,
				TestEvents.CLOCK)
			// the waits below must be the writer's, not cut short by the stall timeout
			.stallTimeout(60_000)
			.start();
		ExecutorService virtualThreads = (ExecutorService) Executors.class
			.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		AtomicInteger offered = new AtomicInteger();
		Future<?> waiting = virtualThreads.submit(() -> {
			if (flush) {
				writer.accept(TestEvents.event("to flush"));
				offered.incrementAndGet();
				writer.flush(60_000);
			}
			else {
				for (int i = 0; i < events; i++) {
					writer.accept(TestEvents.event("event " + i));
					offered.incrementAndGet();
				}
			}
		});
		if (!exporting.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the writer never reached its output");
		}
		// long enough for the first virtual thread to be waiting on the writer
		Thread.sleep(500);
		if (waiting.isDone()) {
			throw new IllegalStateException("the first virtual thread did not wait (offered " + offered + ")");
		}
		CountDownLatch ran = new CountDownLatch(1);
		virtualThreads.submit(ran::countDown);
		System.out.println("other virtual thread ran: " + ran.await(3, TimeUnit.SECONDS));
		release.countDown();
		waiting.get(30, TimeUnit.SECONDS);
		writer.close(30_000);
		virtualThreads.shutdown();
		System.out.println("written: " + Files.readAllLines(file).size());
		System.exit(0);
	}

}
