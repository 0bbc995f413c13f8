package dev.cloudtelemetry.output;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Appends to a JSONL file, creating it and its parent directories when needed; opened on the first write,
 * on the writer thread.
 * <ul>
 * <li><b>Whole lines only.</b> A file that does not end with a line feed (a line torn by a crash) gets one
 * before the first line is appended (when the exporter first opens it, and after a batch it could not cut
 * off). A batch that fails part-way (disk full) is cut off again, so the writer's retry neither duplicates
 * nor glues it.</li>
 * <li><b>Another writer of the same file</b> (a second process or application context given the same path)
 * is noticed by the file growing by bytes this exporter did not write, and reported once with a WARN. Lines
 * stay whole (every batch is one append); each batch starts where the file ends, so rotation counts both
 * writers' lines, a rotation the other writer just made is followed instead of made again, and a failed
 * batch is cut off only while nothing was appended after it.</li>
 * <li><b>Replaced files.</b> About once a second the file at the path is compared with the open one (by
 * file key, the inode): when it was deleted, moved away or replaced (logrotate {@code create}), the next
 * batch goes to a fresh file at the path. {@code copytruncate} works as the file is opened for append.</li>
 * <li><b>Rotation.</b> See {@link Rotation} and {@link RotatedFiles}: the active file is renamed and a new
 * one created; compression and pruning run on a thread of their own.</li>
 * </ul>
 */
public final class FileExporter implements EventExporter {

	private static final System.Logger logger = System.getLogger(FileExporter.class.getName());

	private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How long a writer waits for another process that holds the file's lock before it rotates another time. */
	private static final long LOCK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/** One monitor per active file path in this JVM, held while a writer of that file rotates it. */
	private static final Map<Path, Object> ROTATION_MONITORS = new ConcurrentHashMap<>();

	/** How often a file moved away while it was being opened is opened again before that counts as a failure. */
	private static final int MAX_OPEN_ATTEMPTS = 5;

	/** How long a file without a final line feed must keep its size to count as torn. */
	private static final long SETTLE_MILLIS = 10;

	/** How often a file still growing is looked at again before it is left as it is. */
	private static final int MAX_SETTLE_LOOKS = 20;

	private final Path path;

	private final Rotation rotation;

	private final boolean sync;

	private final RotatedFiles rotated;

	private FileChannel channel;

	private Object fileKey;

	private long size;

	private long openedAtMillis;

	private long nextCheck;

	private boolean rotationFailing;

	/**
	 * Whether the next open looks for a torn last line: the first one (after a crash of the process before),
	 * and the one after a batch that could not be cut off. Not after a rotation or a replaced file: the file
	 * then at the path is new, or another writer's, which ends its own lines.
	 */
	private boolean repairOnOpen = true;

	/** Whether another writer of the same file was reported (once per exporter). */
	private boolean sharedReported;

	public FileExporter(Path path) {
		this(path, Rotation.NONE, false);
	}

	/**
	 * @param path the active file
	 * @param rotation when to rotate and what to keep
	 * @param sync whether each batch is forced to the disk before the next one is written
	 */
	public FileExporter(Path path, Rotation rotation, boolean sync) {
		this(path, rotation, sync, RetentionGuard.NONE);
	}

	/**
	 * @param path the active file
	 * @param rotation when to rotate and what to keep
	 * @param sync whether each batch is forced to the disk before the next one is written
	 * @param guard which rotated files may be deleted
	 */
	public FileExporter(Path path, Rotation rotation, boolean sync, RetentionGuard guard) {
		this.path = path;
		this.rotation = rotation;
		this.sync = sync;
		this.rotated = new RotatedFiles(path, rotation, guard);
	}

	public Path path() {
		return this.path;
	}

	@Override
	public void export(byte[] lines, int offset, int length) throws IOException {
		long now = System.nanoTime();
		checkReplaced(now);
		FileChannel open = open();
		long start = endOf(open);
		// twice at most: the file now at the path, when another writer rotated this one, may be due as well
		for (int look = 0; look < 2 && rotationDue(length); look++) {
			rotate();
			open = open();
			start = endOf(open);
		}
		ByteBuffer bytes = ByteBuffer.wrap(lines, offset, length);
		try {
			while (bytes.hasRemaining()) {
				open.write(bytes);
			}
			if (this.sync) {
				open.force(false);
			}
			this.size = start + length;
		}
		catch (IOException ex) {
			cutBack(start, start + (bytes.position() - offset));
			throw ex;
		}
	}

	/**
	 * Where the next batch lands: the open file's size. It is larger than what this exporter wrote when
	 * another writer appends to the same file (a second process or application context given the same
	 * path), smaller after {@code copytruncate}.
	 */
	private long endOf(FileChannel open) throws IOException {
		long end = open.size();
		if (end > this.size && !this.sharedReported) {
			this.sharedReported = true;
			logger.log(Level.WARNING, "Telemetry file " + this.path + " is also written by another writer ("
					+ (end - this.size) + " bytes appeared that this one did not write): give each process and "
					+ "application context its own telemetry.output.path, such as telemetry-${PID}.jsonl. Lines "
					+ "stay whole, but rotation and retention count both writers' lines, and a batch that fails "
					+ "part-way cannot be cut off while the other one appends");
		}
		this.size = end;
		return end;
	}

	private FileChannel open() throws IOException {
		if (this.channel == null) {
			Path parent = this.path.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			FileChannel opened = null;
			for (int attempt = 1; opened == null; attempt++) {
				opened = tryOpen(attempt);
			}
			this.channel = opened;
			this.repairOnOpen = false;
			this.nextCheck = System.nanoTime() + CHECK_INTERVAL_NANOS;
		}
		return this.channel;
	}

	/**
	 * Opens the file at the path, or returns {@code null} when it was moved away while being opened (another
	 * writer of the same file rotated it, or logrotate moved it): the caller opens again, which creates a new
	 * file, rather than take a rename for an output failure.
	 */
	private @Nullable FileChannel tryOpen(int attempt) throws IOException {
		FileChannel opened = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		try {
			this.size = opened.size();
			if (this.repairOnOpen) {
				repairTornLine(opened);
			}
			BasicFileAttributes attributes = Files.readAttributes(this.path, BasicFileAttributes.class);
			this.fileKey = attributes.fileKey();
			this.openedAtMillis = (this.size > 0) ? attributes.creationTime().toMillis() : System.currentTimeMillis();
			return opened;
		}
		catch (NoSuchFileException ex) {
			opened.close();
			if (attempt >= MAX_OPEN_ATTEMPTS) {
				throw ex;
			}
			return null;
		}
		catch (IOException ex) {
			opened.close();
			throw ex;
		}
	}

	/**
	 * A line torn by a crash (or an I/O error that could not be undone) stays alone on its line. A file that
	 * does not end with a line feed may also be one that another writer is appending to at this moment (its
	 * size grows while a write is under way): the line feed is added only once the size has stood still for
	 * {@link #SETTLE_MILLIS}, or the other writer's batch would be followed by an empty line.
	 */
	private void repairTornLine(FileChannel opened) throws IOException {
		for (int look = 0; look < MAX_SETTLE_LOOKS && this.size > 0 && !endsWithLineFeed(); look++) {
			try {
				Thread.sleep(SETTLE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long now = opened.size();
			if (now == this.size) {
				ByteBuffer newline = ByteBuffer.wrap(new byte[] { '\n' });
				while (newline.hasRemaining()) {
					opened.write(newline);
				}
				this.size++;
				return;
			}
			this.size = now;
		}
	}

	private boolean endsWithLineFeed() throws IOException {
		ByteBuffer last = ByteBuffer.allocate(1);
		try (FileChannel reader = FileChannel.open(this.path, StandardOpenOption.READ)) {
			return reader.read(last, this.size - 1) != 1 || last.get(0) == '\n';
		}
	}

	/**
	 * Removes what a failed batch left, from {@code start} to {@code end}, so that the retry starts on a line of
	 * its own; not when the file has grown past {@code end}, as that is another writer's lines (the next open
	 * puts a line feed after a torn last line).
	 */
	private void cutBack(long start, long end) {
		try {
			long now = this.channel.size();
			if (now > start && now <= end) {
				this.channel.truncate(start);
			}
			else if (now > start) {
				this.repairOnOpen = true;
			}
		}
		catch (IOException | RuntimeException ex) {
			// cannot undo (not a regular file): the next open puts a line feed after the torn line
			this.repairOnOpen = true;
		}
		closeQuietly();
	}

	/** Whether the open file is still the one at the path (read only when a rotation is due). */
	private boolean stillAtPath() {
		try {
			return Objects.equals(Files.readAttributes(this.path, BasicFileAttributes.class).fileKey(), this.fileKey);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void checkReplaced(long now) {
		if (this.channel == null || now - this.nextCheck < 0) {
			return;
		}
		this.nextCheck = now + CHECK_INTERVAL_NANOS;
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.path, BasicFileAttributes.class);
			if (!Objects.equals(attributes.fileKey(), this.fileKey)) {
				closeQuietly();
			}
		}
		catch (NoSuchFileException ex) {
			closeQuietly();
		}
		catch (IOException ex) {
			// checked again in a second
		}
	}

	private boolean rotationDue(int length) {
		if (!this.rotation.isEnabled() || this.size == 0 || this.rotationFailing) {
			return false;
		}
		if (this.size + length > this.rotation.maxFileSize()) {
			return true;
		}
		return this.rotation.interval() != null
				&& System.currentTimeMillis() - this.openedAtMillis >= this.rotation.interval().toMillis();
	}

	/**
	 * Renames the open file away, unless it is no longer the one at the path (another writer of the same file
	 * rotated it a moment ago: this one goes on in the file now there), then closes it. The check and the
	 * rename happen under an exclusive lock of the open file, taken by every writer of that file in this JVM
	 * (a monitor per path) and in other processes (a POSIX record lock), so two writers never both rename it,
	 * nor one rename the other's new file over the first's rotated one.
	 */
	private void rotate() {
		FileChannel open = this.channel;
		try {
			synchronized (ROTATION_MONITORS.computeIfAbsent(this.path.toAbsolutePath().normalize(),
					(key) -> new Object())) {
				FileLock lock = null;
				boolean busy = false;
				try {
					lock = lock(open);
				}
				catch (TimeoutException ex) {
					// another process holds the file (and is renaming it, or hangs): not this time
					busy = true;
				}
				try {
					if (!busy && stillAtPath()) {
						this.rotated.rotate();
					}
				}
				finally {
					release(lock);
				}
			}
		}
		catch (IOException ex) {
			this.rotationFailing = true;
			logger.log(Level.WARNING, "Could not rotate telemetry file " + this.path + " ("
					+ Delivery.describe(ex) + "); it keeps growing");
		}
		finally {
			closeQuietly();
		}
	}

	private static void release(@Nullable FileLock lock) {
		try {
			if (lock != null) {
				lock.release();
			}
		}
		catch (IOException ex) {
			// the channel is closed next, which releases it as well
		}
	}

	/**
	 * An exclusive lock of the open file, or {@code null} where the file system offers none.
	 * @throws TimeoutException when another process held it for {@link #LOCK_WAIT_NANOS}
	 */
	private static @Nullable FileLock lock(@Nullable FileChannel open) throws TimeoutException {
		if (open == null) {
			return null;
		}
		long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
		try {
			FileLock lock;
			while ((lock = open.tryLock()) == null) {
				if (System.nanoTime() - deadline > 0) {
					throw new TimeoutException();
				}
				Thread.sleep(1);
			}
			return lock;
		}
		catch (IOException | OverlappingFileLockException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TimeoutException();
		}
	}

	@Override
	public void flush() throws IOException {
		long now = System.nanoTime();
		checkReplaced(now);
		FileChannel open = this.channel;
		if (open != null && this.rotation.interval() != null) {
			// the size as export() sees it (after copytruncate, or another writer's lines): an emptied file stays
			endOf(open);
			if (rotationDue(0)) {
				rotate();
			}
		}
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.channel != null) {
				this.channel.close();
			}
		}
		finally {
			this.channel = null;
			this.rotated.awaitHousekeeping();
		}
	}

	private void closeQuietly() {
		try {
			if (this.channel != null) {
				this.channel.close();
			}
		}
		catch (IOException ex) {
			// already failing or replaced; nothing more to do with this file
		}
		finally {
			this.channel = null;
		}
	}

	@Override
	public String describe() {
		return this.path.toString();
	}

}
