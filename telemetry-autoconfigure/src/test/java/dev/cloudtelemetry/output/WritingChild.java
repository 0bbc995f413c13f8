package dev.cloudtelemetry.output;

import java.nio.file.Path;

/**
 * A separate JVM writing events to a file, for the crash test: {@code WritingChild <file> <count>} writes
 * that many events and exits; a count of {@code 0} writes until the process is killed.
 */
public final class WritingChild {

	private WritingChild() {
	}

	public static void main(String[] args) {
		Path file = Path.of(args[0]);
		long count = Long.parseLong(args[1]);
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file), TestEvents.encoder(), 1024,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		for (long i = 0; count == 0 || i < count; i++) {
			writer.accept(TestEvents.event("child " + i + " " + "x".repeat((int) (i % 5000))));
		}
		writer.close();
	}

}
