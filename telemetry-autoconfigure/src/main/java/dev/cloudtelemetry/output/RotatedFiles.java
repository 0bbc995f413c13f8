package dev.cloudtelemetry.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The rotated files beside the active one: {@code telemetry.jsonl} becomes
 * {@code telemetry-20261130-124246-123.jsonl} (UTC; {@code .gz} added when compressed), so that their names
 * sort by age. Compressing and pruning run on a thread of their own so that the writer never waits for
 * them.
 */
final class RotatedFiles {

	private static final System.Logger logger = System.getLogger(RotatedFiles.class.getName());

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private final Path active;

	private final Rotation rotation;

	private final RetentionGuard guard;

	private final String stem;

	private final String extension;

	private final Pattern rotatedName;

	private ExecutorService housekeeping;

	private long lastStampMillis;

	RotatedFiles(Path active, Rotation rotation) {
		this(active, rotation, RetentionGuard.NONE);
	}

	RotatedFiles(Path active, Rotation rotation, RetentionGuard guard) {
		this.active = active;
		this.rotation = rotation;
		this.guard = guard;
		String name = active.getFileName().toString();
		int dot = name.lastIndexOf('.');
		this.stem = (dot > 0) ? name.substring(0, dot) : name;
		this.extension = (dot > 0) ? name.substring(dot) : "";
		this.rotatedName = Pattern.compile(Pattern.quote(this.stem) + "-\\d{8}-\\d{6}-\\d{3}"
				+ Pattern.quote(this.extension) + "(\\.gz)?");
	}

	/**
	 * Renames the active file; the caller creates a new one at the path.
	 * @throws IOException when the file could not be renamed
	 */
	void rotate() throws IOException {
		Path target = nextName();
		try {
			Files.move(this.active, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(this.active, target);
		}
		catch (NoSuchFileException ex) {
			// deleted by someone else meanwhile: nothing to rotate
			return;
		}
		submit(target);
	}

	private Path nextName() {
		long millis = Math.max(System.currentTimeMillis(), this.lastStampMillis + 1);
		Path candidate;
		do {
			candidate = sibling(this.stem + "-" + STAMP.format(Instant.ofEpochMilli(millis)) + this.extension);
			millis++;
		}
		while (Files.exists(candidate) || Files.exists(sibling(candidate.getFileName() + ".gz")));
		this.lastStampMillis = millis - 1;
		return candidate;
	}

	private Path sibling(String name) {
		return this.active.toAbsolutePath().resolveSibling(name);
	}

	private synchronized void submit(Path rotatedFile) {
		if (this.housekeeping == null) {
			this.housekeeping = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "telemetry-rotation");
				thread.setDaemon(true);
				return thread;
			});
		}
		this.housekeeping.execute(() -> {
			try {
				if (this.rotation.compress()) {
					compress(rotatedFile);
				}
				prune();
			}
			catch (IOException | RuntimeException ex) {
				logger.log(Level.WARNING, "Telemetry file housekeeping failed for " + rotatedFile + " ("
						+ Delivery.describe(ex) + ")");
			}
		});
	}

	private void compress(Path file) throws IOException {
		Path compressed = sibling(file.getFileName() + ".gz");
		Path partial = sibling(file.getFileName() + ".gz.partial");
		try (InputStream in = Files.newInputStream(file);
				OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
			in.transferTo(out);
		}
		Files.move(partial, compressed, StandardCopyOption.ATOMIC_MOVE);
		Files.delete(file);
	}

	/**
	 * Keeps the newest {@code max-history} rotated files, within {@code max-total-size} with the active one.
	 * A file the {@link RetentionGuard} has not released is kept beyond {@code max-history}, not beyond
	 * {@code max-total-size}.
	 */
	void prune() throws IOException {
		List<Path> files = oldestFirst();
		Collections.reverse(files);
		long total = sizeOf(this.active);
		boolean full = false;
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			long size = sizeOf(file);
			full = full || total + size > this.rotation.maxTotalSize();
			if (full) {
				if (!this.guard.released(file)) {
					this.guard.forcedDeletion(file);
				}
				Files.deleteIfExists(file);
			}
			else if (i >= this.rotation.maxHistory() && this.guard.released(file)) {
				Files.deleteIfExists(file);
			}
			else {
				total += size;
			}
		}
	}

	/**
	 * The rotated files, oldest first; of a file being compressed (both {@code x.jsonl} and {@code x.jsonl.gz}
	 * there), only the uncompressed one.
	 */
	List<Path> oldestFirst() throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.active.toAbsolutePath().getParent())) {
			for (Path entry : entries) {
				if (this.rotatedName.matcher(entry.getFileName().toString()).matches()) {
					files.add(entry);
				}
			}
		}
		files.sort(Comparator.comparing((Path file) -> file.getFileName().toString()));
		files.removeIf((file) -> file.getFileName().toString().endsWith(".gz")
				&& files.contains(file.resolveSibling(file.getFileName().toString().replaceFirst("\\.gz$", ""))));
		return files;
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Lets compression and pruning of files rotated so far finish (at shutdown). */
	synchronized void awaitHousekeeping() {
		if (this.housekeeping != null) {
			this.housekeeping.shutdown();
			try {
				this.housekeeping.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.housekeeping = null;
		}
	}

}
