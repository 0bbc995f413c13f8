package dev.cloudtelemetry.output;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate JVM that holds an exclusive lock of a file, as another writer does while it rotates it (or a
 * process that hangs while holding it): {@code LockingChild <file> <millis>} prints {@code locked} once it
 * holds the lock, keeps it that long and exits.
 */
public final class LockingChild {

	private LockingChild() {
	}

	public static void main(String[] args) throws Exception {
		try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			System.out.println("locked");
			System.out.flush();
			Thread.sleep(Long.parseLong(args[1]));
		}
	}

}
