package dev.cloudtelemetry.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system for disk-full tests: a 1 MiB tmpfs mounted under a test's directory. Mounting
 * needs root (CI runs as root); otherwise the test is skipped with the reason printed.
 */
final class SmallDisk implements AutoCloseable {

	private final Path mount;

	private SmallDisk(Path mount) {
		this.mount = mount;
	}

	/** Mounts a 1 MiB tmpfs at {@code directory/small-disk}, or skips the test saying why. */
	static SmallDisk mountUnder(Path directory, String test) throws IOException, InterruptedException {
		if (!"root".equals(System.getProperty("user.name"))) {
			System.out.println("Skipped " + test + ": mounting a tmpfs needs root (user "
					+ System.getProperty("user.name") + ")");
			Assumptions.abort("mounting a tmpfs needs root");
		}
		Path mount = Files.createDirectories(directory.resolve("small-disk"));
		Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
			.inheritIO()
			.start();
		Assumptions.assumeTrue(mounting.waitFor() == 0, "mount -t tmpfs failed (no CAP_SYS_ADMIN?)");
		return new SmallDisk(mount);
	}

	Path path() {
		return this.mount;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		new ProcessBuilder("umount", this.mount.toString()).inheritIO().start().waitFor();
	}

}
