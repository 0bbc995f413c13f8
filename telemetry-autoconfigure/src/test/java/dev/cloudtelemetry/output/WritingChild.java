package dev.cloudtelemetry.output;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM writing events to a file, for the crash and shared-file tests: {@code WritingChild <file>
 * <count> [<max-file-size> <name>]} writes that many events and exits; a count of {@code 0} writes until the
 * process is killed. With a maximum file size the file rotates at that size, each message starts with the
 * name, and the child starts writing only once a file {@code go} exists beside the file (after creating
 * {@code <name>.ready} there), so that two children write at the same time.
 */
public final class WritingChild {

	private WritingChild() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		long count = Long.parseLong(args[1]);
		Rotation rotation = (args.length > 2)
				? new Rotation(Long.parseLong(args[2]), Integer.MAX_VALUE, Long.MAX_VALUE, null, false) : Rotation.NONE;
		String name = (args.length > 3) ? args[3] : "child";
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(file, rotation, false), TestEvents.encoder(),
				1024, OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.start();
		if (args.length > 3) {
			Path directory = file.toAbsolutePath().getParent();
			Files.createFile(directory.resolve(name + ".ready"));
			while (!Files.exists(directory.resolve("go"))) {
				Thread.sleep(1);
			}
		}
		for (long i = 0; count == 0 || i < count; i++) {
			writer.accept(TestEvents.event(name + " " + i + " " + "x".repeat((int) (i % 5000))));
		}
		writer.close();
	}

}
