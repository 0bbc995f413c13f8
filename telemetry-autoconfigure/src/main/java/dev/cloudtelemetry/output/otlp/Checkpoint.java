package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the collector acknowledged, kept in a small text file beside the JSONL files: the file (by its
 * {@link LineFile#key(Path) key}, which survives rotation and compression) and the byte after the last
 * acknowledged line, and where to start reading again so that the entries of calls still open at that point
 * are paired with their exits (the lines between are read again, their spans not sent again). Written to a
 * temporary file (forced to the disk when asked) and moved over the old one, so a crash leaves the old or the
 * new one.
 *
 * @param acknowledged after the last acknowledged line
 * @param resume where reading starts again (the entry of the oldest open call, or {@code acknowledged})
 */
record Checkpoint(Position acknowledged, Position resume) {

	private static final String HEADER = "# telemetry OTLP durable export: what the collector acknowledged";

	/**
	 * A place in the JSONL files.
	 *
	 * @param key the file's {@link LineFile#key(Path) key}
	 * @param offset bytes (uncompressed) from the file's start
	 * @param name the file's name when last seen, for people
	 */
	record Position(String key, long offset, String name) {

		@Override
		public String toString() {
			return this.key + " " + this.offset + " " + this.name;
		}

		static Position parse(String text) {
			String[] parts = text.trim().split(" ", 3);
			return new Position(parts[0], Long.parseLong(parts[1]), (parts.length > 2) ? parts[2] : "");
		}

	}

	/**
	 * @return the checkpoint, or {@code null} when there is none
	 * @throws IOException when it cannot be read
	 * @throws IllegalArgumentException when it is not a checkpoint
	 */
	static @Nullable Checkpoint read(Path file) throws IOException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		Position acknowledged = null;
		Position resume = null;
		for (String line : lines) {
			if (line.startsWith("acknowledged=")) {
				acknowledged = Position.parse(line.substring("acknowledged=".length()));
			}
			else if (line.startsWith("resume=")) {
				resume = Position.parse(line.substring("resume=".length()));
			}
		}
		if (acknowledged == null) {
			throw new IllegalArgumentException(file + " has no acknowledged position");
		}
		return new Checkpoint(acknowledged, (resume != null) ? resume : acknowledged);
	}

	/**
	 * Replaces the checkpoint file whole (a crash of the process leaves the old or the new one).
	 * @param force whether to force it to the disk first, so that an operating-system crash or a power loss
	 * does not bring back an older one
	 */
	void write(Path file, boolean force) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		byte[] text = (HEADER + "\nacknowledged=" + this.acknowledged + "\nresume=" + this.resume + "\n")
			.getBytes(StandardCharsets.UTF_8);
		try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer bytes = ByteBuffer.wrap(text);
			while (bytes.hasRemaining()) {
				out.write(bytes);
			}
			if (force) {
				out.force(true);
			}
		}
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
