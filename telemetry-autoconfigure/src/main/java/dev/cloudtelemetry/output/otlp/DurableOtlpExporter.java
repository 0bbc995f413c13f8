package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.output.EventExporter;
import dev.cloudtelemetry.output.ExportStatusProvider;
import dev.cloudtelemetry.output.JsonlFiles;
import dev.cloudtelemetry.output.RetentionGuard;

/**
 * Durable OTLP export: ships the spans of the JSONL files the writer keeps (the active file and the rotated
 * ones, compressed or not) rather than of an in-memory queue, and records what the collector acknowledged in
 * a {@link Checkpoint} beside them. A collector outage of any length within the files' retention, and a
 * restart (even after {@code kill -9}), lose nothing: reading resumes at the checkpoint, and at most the
 * batch in flight at the crash is sent twice.
 * <ul>
 * <li>Only complete lines are read: a line still being written (or torn by a crash) waits until it is
 * complete, or is skipped once a newer file exists.</li>
 * <li>Files are known by their first line ({@link LineFile#key(Path)}), so a rename by rotation or
 * compression does not lose the place. Entries are paired with exits across batches and files; after a
 * restart reading starts at the entry of the oldest call whose span was not acknowledged (still open, or
 * ended by a line read but not sent yet), and spans already acknowledged are not sent again.</li>
 * <li>As the {@link RetentionGuard} of the file output, it keeps rotation from deleting files not shipped
 * yet, nor the file that reading resumes at, unless {@code max-total-size} forces it: then the spans lost
 * are counted as dropped {@code pruned} and logged.</li>
 * </ul>
 * The writer thread only wakes the exporter thread ({@link #export}); it never waits for it.
 */
public final class DurableOtlpExporter implements EventExporter, ExportStatusProvider, RetentionGuard {

	private static final int MAX_REMEMBERED_KEYS = 10_000;

	private static final System.Logger logger = System.getLogger(OtlpExporter.class.getName());

	private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * How often at most the checkpoint is forced to the disk: written after every batch (a crash of the process
	 * loses nothing), forced at most once a second (an operating-system crash or power loss may bring back a
	 * checkpoint up to a second old: those spans are sent again).
	 */
	private static final long FORCE_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How long the current file may be missing (renamed, being compressed) before reading starts over. */
	private static final long MISSING_NANOS = TimeUnit.SECONDS.toNanos(5);

	/** At shutdown, how long reading waits before it looks again for a file that a rotation is moving. */
	private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/**
	 * At shutdown, how long reading looks for a file that is not found (a rotation renames the active file, or
	 * replaces a rotated one by its compressed copy, in moments); one deleted by someone else is not waited for
	 * longer.
	 */
	private static final long LOOK_AT_SHUTDOWN_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final JsonlFiles files;

	private final Path checkpointFile;

	private final OtlpExportSettings settings;

	private final SpanSender sender;

	private final SpanReader reader;

	private final Thread thread;

	/** Guards the read position against the rotation thread's questions. */
	private final Object lock = new Object();

	private final Object signal = new Object();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final AtomicLong pruned = new AtomicLong();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong prunedFiles = new AtomicLong();

	private final AtomicLong prunedBytes = new AtomicLong();

	private final Map<String, String> keys = new HashMap<>();

	private final List<SpanData> ready = new ArrayList<>();

	private final List<Mark> readyMarks = new ArrayList<>();

	private volatile boolean written;

	private volatile int openSpans;

	private volatile long evictedEntries;

	private volatile @Nullable Mark acknowledged;

	/** Where reading starts after a restart: rotation keeps the file it is in, and every later one. */
	private volatile Checkpoint.@Nullable Position resumePoint;

	/** The last checkpoint written and not forced to the disk yet, or {@code null}. */
	private @Nullable Checkpoint unforced;

	private long lastForced = System.nanoTime() - FORCE_NANOS;

	// the read position, guarded by lock
	private Path current;

	private @Nullable String currentKey;

	/** Where the current file starts in the bytes read by this run: a line's {@link Mark#at()} is this plus its offset. */
	private long runBase;

	/** The files read before the current one that may still hold the entry of a call not shipped yet. */
	private final ArrayDeque<Place> passed = new ArrayDeque<>();

	/**
	 * The identity ({@link BasicFileAttributes#fileKey()}) of the active file while it is the file being read (it
	 * stays open, so the identity cannot be reused): at its end, one look at the active path tells that
	 * nothing newer exists, without listing the directory and hashing the file's first line.
	 */
	private @Nullable Object readingActive;

	private long consumed;

	private boolean abandon;

	private long missingSince;

	/** Whether the last look for the file after the current one did not find the current one. */
	private boolean currentMissing;

	/**
	 * Whether the last read found nothing because the current file was not where the files were listed
	 * (renamed or compressed by a rotation just then): at shutdown, reading looks again for a moment.
	 */
	private boolean lookingForFile;

	/** The key of the file read before the current one, or {@code null}. */
	private @Nullable String previousKey;

	/**
	 * Where the file read before the current one was left (after its last complete line), or {@code null}: the
	 * read position while the current file has no key yet (the active file not created again after rotation).
	 */
	private @Nullable Mark previousEnd;

	/**
	 * The keys of the files this run left behind, newest last (bounded): those read to their end and, at the
	 * start, those before the place reading starts at. A file among them that rotation deletes lost nothing,
	 * even while the file being read is not found under its name (renamed or being compressed just then); and
	 * reading never goes back to one of them.
	 */
	private final LinkedHashMap<String, Boolean> finishedKeys = new LinkedHashMap<>();

	/**
	 * The keys of the files rotation deleted before they were read, their spans counted as {@code pruned}
	 * (bounded): reading skips them, also in the moment between the count and the deletion.
	 */
	private final LinkedHashMap<String, Boolean> prunedKeys = new LinkedHashMap<>();

	private @Nullable LineFile in;

	private byte[] buffer = new byte[256 * 1024];

	private int carry;

	private Checkpoint.@Nullable Position replayUntil;

	/**
	 * @param delegate the OTLP exporter, with its own retries turned off
	 * @param settings batching and retries ({@code queueCapacity} is not used)
	 * @param active the JSONL file the writer appends to; the checkpoint is written beside it
	 */
	public DurableOtlpExporter(SpanExporter delegate, OtlpExportSettings settings, Path active) {
		this.files = new JsonlFiles(active);
		this.checkpointFile = this.files.active().resolveSibling(this.files.active().getFileName() + ".otlp-checkpoint");
		this.settings = settings;
		this.sender = new SpanSender(delegate, settings, Clock.systemUTC(),
				"new spans wait in the JSONL files meanwhile");
		this.reader = new SpanReader(settings.maxOpenSpans(), settings.serviceName());
		this.current = this.files.active();
		start(readCheckpoint());
		this.thread = new Thread(this::run, "telemetry-otlp-exporter");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The file recording what the collector acknowledged. */
	public Path checkpointFile() {
		return this.checkpointFile;
	}

	private @Nullable Checkpoint readCheckpoint() {
		try {
			return Checkpoint.read(this.checkpointFile);
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.WARNING, "OTLP durable export cannot read its checkpoint " + this.checkpointFile + " ("
					+ ex.getMessage() + "); shipping the JSONL files from the oldest one");
			return null;
		}
	}

	/** Places the read position: at the checkpoint's resume point, else at the start of the oldest file. */
	private void start(@Nullable Checkpoint checkpoint) {
		List<Path> inOrder = listFiles();
		this.current = inOrder.get(0);
		if (checkpoint == null) {
			return;
		}
		Path acknowledgedFile = find(inOrder, checkpoint.acknowledged().key());
		if (acknowledgedFile == null) {
			logger.log(Level.WARNING, "OTLP durable export: the file of its checkpoint (" + checkpoint.acknowledged().name()
					+ ") is gone; shipping the JSONL files from the oldest one");
			return;
		}
		Path resumeFile = checkpoint.resume().equals(checkpoint.acknowledged()) ? null
				: find(inOrder, checkpoint.resume().key());
		Checkpoint.Position from = (resumeFile != null) ? checkpoint.resume() : checkpoint.acknowledged();
		this.current = (resumeFile != null) ? resumeFile : acknowledgedFile;
		this.currentKey = from.key();
		this.consumed = from.offset();
		this.replayUntil = (resumeFile != null) ? checkpoint.acknowledged() : null;
		this.resumePoint = from;
		for (int i = 0; i < inOrder.indexOf(this.current); i++) {
			remember(this.finishedKeys, keyOf(inOrder.get(i)));
		}
		this.acknowledged = new Mark(0, 0, checkpoint.acknowledged().key(), checkpoint.acknowledged().offset(),
				acknowledgedFile.getFileName().toString());
	}

	@Override
	public void export(byte[] lines, int offset, int length) {
		this.written = true;
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	@Override
	public String describe() {
		return "otlp durable " + this.settings.endpoint();
	}

	@Override
	public Object exportStatus() {
		return stats();
	}

	/**
	 * @return the exporter's counters and state: {@code produced} counts the spans read from the files by this
	 * process (not those read again after a restart), {@code pending} those read and not acknowledged yet
	 */
	public OtlpExportStats stats() {
		Map<String, Long> drops = new LinkedHashMap<>();
		drops.put("rejected", this.rejected.get());
		drops.put("unreadable", this.unreadable.get());
		drops.put("pruned", this.pruned.get());
		Mark acked = this.acknowledged;
		long[] backlog = backlog();
		DurableExportState state = new DurableExportState(this.checkpointFile.toString(),
				(acked != null) ? acked.name() : "", (acked != null) ? acked.offset() : 0, backlog[0],
				(int) backlog[1], this.prunedFiles.get(), this.prunedBytes.get(), this.pruned.get());
		return this.sender.stats(this.thread.isAlive(), this.produced.get(), this.exported.get(), drops, 0,
				this.openSpans, this.evictedEntries, state);
	}

	/**
	 * Ships what the files hold, for up to the shutdown timeout; what is not acknowledged by then stays in the
	 * files and is shipped after the next start.
	 */
	@Override
	public void close() {
		if (this.sender.isClosing()) {
			return;
		}
		this.sender.stop(this.thread, () -> export(new byte[0], 0, 0));
		OtlpExportStats stats = stats();
		if (stats.pending() > 0 || stats.droppedTotal() > 0) {
			logger.log(Level.WARNING, "OTLP durable export to " + this.settings.endpoint() + " stopped: "
					+ stats.exported() + " spans exported, " + stats.pending()
					+ " not acknowledged yet (shipped after the next start from " + this.checkpointFile
					+ "), dropped " + stats.dropped());
		}
	}

	private void run() {
		long firstReadyAt = 0;
		long delay = this.settings.scheduleDelay().toNanos();
		long lookingSince = 0;
		try {
			while (true) {
				boolean hadReady = !this.ready.isEmpty();
				boolean progress = readSome();
				if (!hadReady && !this.ready.isEmpty()) {
					firstReadyAt = System.nanoTime();
				}
				while (this.ready.size() >= this.settings.maxBatchSize()) {
					if (!send(this.settings.maxBatchSize())) {
						return;
					}
					firstReadyAt = System.nanoTime();
				}
				boolean closing = this.sender.isClosing();
				if (!this.ready.isEmpty()
						&& (System.nanoTime() - firstReadyAt >= delay || (closing && !progress))) {
					if (!send(this.ready.size())) {
						return;
					}
				}
				if (!progress) {
					if (closing && this.ready.isEmpty()) {
						if (lookingSince == 0) {
							lookingSince = System.nanoTime();
						}
						if (!this.lookingForFile || this.sender.pastDeadline()
								|| System.nanoTime() - lookingSince > LOOK_AT_SHUTDOWN_NANOS) {
							return;
						}
						// a rotation is moving the file read last: the files after it are shipped before stopping
						this.sender.pause(LOOK_AGAIN_NANOS);
						continue;
					}
					awaitLines(this.ready.isEmpty() ? IDLE_NANOS : firstReadyAt + delay - System.nanoTime());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			// never expected; the spans not acknowledged stay in the files for the next start
			this.sender.failed("the exporter thread stopped: " + ex);
			logger.log(Level.ERROR, "OTLP durable exporter thread stopped", ex);
		}
		finally {
			Checkpoint last = this.unforced;
			if (last != null) {
				writeCheckpoint(last, true);
			}
			closeFile();
		}
	}

	private void awaitLines(long nanos) throws InterruptedException {
		if (nanos <= 0) {
			return;
		}
		synchronized (this.signal) {
			if (!this.written && !this.sender.isClosing()) {
				TimeUnit.NANOSECONDS.timedWait(this.signal, nanos);
			}
			this.written = false;
		}
	}

	/**
	 * Reads the next chunk of complete lines of the current file, or moves on to the next file at its end.
	 * @return whether anything was read or the file changed
	 */
	private boolean readSome() throws IOException {
		synchronized (this.lock) {
			this.lookingForFile = false;
			if (this.abandon) {
				this.abandon = false;
				// rotation deletes the newest of the files beyond max-total-size first, so older files read
				// before may still be there: the next file is the first one neither read nor pruned
				remember(this.finishedKeys, this.currentKey);
				moveOn(firstUnread(listFiles()));
				return true;
			}
			if (this.in == null && !open()) {
				return false;
			}
			if (this.in == null) {
				return true;
			}
			if (this.carry == this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
			}
			int read = this.in.read(this.buffer, this.carry, this.buffer.length - this.carry);
			if (read == 0) {
				if (this.readingActive != null && this.readingActive.equals(fileId(this.files.active()))) {
					return false;
				}
				Path next = nextFile();
				if (next == null) {
					if (!this.currentMissing) {
						this.missingSince = 0;
						return false;
					}
					// read to its end and deleted by someone else: nothing shows where it was but the files read
					if (!missingTooLong()) {
						this.lookingForFile = true;
						return false;
					}
					leaveGone(listFiles());
					return true;
				}
				// a newer file exists, so this one is complete: what it got meanwhile is read before moving on
				read = this.in.read(this.buffer, this.carry, this.buffer.length - this.carry);
				if (read == 0) {
					moveOn(next);
					return true;
				}
			}
			int filled = this.carry + read;
			if (this.currentKey == null && this.consumed == 0) {
				this.currentKey = LineFile.key(this.buffer, filled);
			}
			int last = LineFile.lastLineFeed(this.buffer, filled);
			if (last < 0) {
				this.carry = filled;
				return true;
			}
			String key = this.currentKey;
			String name = this.current.getFileName().toString();
			int start = 0;
			for (int i = 0; i <= last; i++) {
				if (this.buffer[i] == '\n') {
					line(start, i, key, name);
					start = i + 1;
				}
			}
			this.consumed += last + 1;
			this.openSpans = this.reader.openSpans();
			this.evictedEntries = this.reader.evictedEntries();
			this.carry = filled - last - 1;
			System.arraycopy(this.buffer, last + 1, this.buffer, 0, this.carry);
			return true;
		}
	}

	private void line(int start, int end, @Nullable String key, String name) {
		String fileKey = (key != null) ? key : "";
		long endOffset = this.consumed + end + 1;
		if (this.replayUntil != null && fileKey.equals(this.replayUntil.key())
				&& endOffset > this.replayUntil.offset()) {
			this.replayUntil = null;
		}
		boolean replaying = this.replayUntil != null;
		long openBefore = this.reader.oldestOpenMark();
		SpanData span;
		try {
			span = this.reader.map(this.buffer, start, end, this.runBase + this.consumed + start);
		}
		catch (RuntimeException ex) {
			if (!replaying && SpanLines.endsSpan(this.buffer, start, end)) {
				this.produced.incrementAndGet();
				this.unreadable.incrementAndGet();
				this.sender.failed("a line could not be read as a span (" + ex.getMessage() + ")");
			}
			return;
		}
		if (span != null && !replaying) {
			this.produced.incrementAndGet();
			this.ready.add(span);
			// the entries open before this line include the span's own: a restart before it is sent reads from there
			this.readyMarks.add(new Mark(this.runBase + endOffset, openBefore, fileKey, endOffset, name));
		}
	}

	/**
	 * Opens the current file, found by its key (it may have been renamed), at the read position. When it
	 * stays missing (deleted by someone else), reading starts over at the oldest file.
	 * @return whether it was found
	 */
	private boolean open() throws IOException {
		if (this.currentKey == null) {
			return openUnnamed();
		}
		List<Path> inOrder = listFiles();
		Path file = (this.currentKey != null) ? find(inOrder, this.currentKey) : this.current;
		if (file == null) {
			if (!missingTooLong()) {
				this.lookingForFile = true;
				return false;
			}
			leaveGone(inOrder);
			return true;
		}
		this.missingSince = 0;
		LineFile opened;
		try {
			opened = LineFile.open(file, this.consumed + this.carry);
		}
		catch (NoSuchFileException ex) {
			this.lookingForFile = true;
			return false;
		}
		String key = opened.keyIfPlain();
		if (this.currentKey != null && key != null && !this.currentKey.equals(key)) {
			// renamed between finding and opening it: found again on the next round
			opened.close();
			return true;
		}
		this.in = opened;
		this.current = file;
		return true;
	}

	/** Whether the current file has been missing for longer than {@link #MISSING_NANOS} since first asked. */
	private boolean missingTooLong() {
		long now = System.nanoTime();
		if (this.missingSince == 0) {
			this.missingSince = now;
			return false;
		}
		if (now - this.missingSince <= MISSING_NANOS) {
			return false;
		}
		this.missingSince = 0;
		return true;
	}

	/** Gives up the current file, deleted by someone else, for the first file neither read nor pruned. */
	private void leaveGone(List<Path> inOrder) {
		remember(this.finishedKeys, this.currentKey);
		Path next = firstUnread(inOrder);
		logger.log(Level.WARNING, "OTLP durable export: " + this.current.getFileName()
				+ " is gone before it was shipped; going on with " + next.getFileName());
		moveOn(next);
	}

	/**
	 * Opens the file after the one left last (the oldest at the first start) when it had no complete line
	 * yet when reading moved to it: by now it may have been renamed by rotation, and another file be at its
	 * path. Only a file with a complete first line is opened, and only when it is still the one after the
	 * file left last once opened.
	 * @return whether it was found
	 */
	private boolean openUnnamed() throws IOException {
		Path file = after(listFiles(), this.previousKey);
		if (file == null) {
			return false;
		}
		LineFile opened;
		try {
			opened = LineFile.open(file, 0);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		String key = LineFile.compressed(file) ? LineFile.key(file) : opened.keyIfPlain();
		Path now = after(listFiles(), this.previousKey);
		if (key == null || now == null || !key.equals(keyOf(now))) {
			opened.close();
			// a complete first line, and the files moved meanwhile: a rotation is under way
			this.lookingForFile = key != null;
			return false;
		}
		this.in = opened;
		this.current = now;
		this.currentKey = key;
		this.consumed = 0;
		this.carry = 0;
		return true;
	}

	/**
	 * The file after the one with this key, but for pruned ones (the first file not read nor pruned when there
	 * is none, or when it is gone).
	 */
	private @Nullable Path after(List<Path> inOrder, @Nullable String key) {
		for (int i = 0; key != null && i < inOrder.size(); i++) {
			if (key.equals(keyOf(inOrder.get(i)))) {
				return notPruned(inOrder, i + 1);
			}
		}
		return firstUnread(inOrder);
	}

	/** The first file at or after {@code from} that was not pruned, or {@code null}. */
	private @Nullable Path notPruned(List<Path> inOrder, int from) {
		for (int i = from; i < inOrder.size(); i++) {
			String key = keyOf(inOrder.get(i));
			if (key == null || !this.prunedKeys.containsKey(key)) {
				return inOrder.get(i);
			}
		}
		return null;
	}

	/** The oldest file this run has neither left behind nor seen pruned; the active file when there is none. */
	private Path firstUnread(List<Path> inOrder) {
		for (Path file : inOrder) {
			String key = keyOf(file);
			if (key == null || (!this.finishedKeys.containsKey(key) && !this.prunedKeys.containsKey(key))) {
				return file;
			}
		}
		return inOrder.get(inOrder.size() - 1);
	}

	private static void remember(LinkedHashMap<String, Boolean> keys, @Nullable String key) {
		if (key == null) {
			return;
		}
		keys.put(key, Boolean.TRUE);
		if (keys.size() > MAX_REMEMBERED_KEYS) {
			Iterator<String> eldest = keys.keySet().iterator();
			eldest.next();
			eldest.remove();
		}
	}

	/**
	 * @return the file after the current one, or {@code null} while the current one is the newest or is not
	 * found (renamed or being compressed just now: looked for again on the next round)
	 */
	private @Nullable Path nextFile() {
		Object activeBefore = fileId(this.files.active());
		List<Path> inOrder = listFiles();
		int at = indexOfCurrent(inOrder);
		this.currentMissing = at < 0;
		if (at >= 0 && at + 1 == inOrder.size() && inOrder.get(at).equals(this.files.active()) && activeBefore != null
				&& activeBefore.equals(fileId(this.files.active()))) {
			// the file being read is the active one, and it was not replaced while its key was checked
			this.readingActive = activeBefore;
		}
		return (at >= 0) ? notPruned(inOrder, at + 1) : null;
	}

	private static @Nullable Object fileId(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Moves to the next file (a line left incomplete at the end of a finished file is skipped). */
	private void moveOn(Path to) {
		if (this.replayUntil != null && this.replayUntil.key().equals(this.currentKey)) {
			this.replayUntil = null;
		}
		closeFile();
		remember(this.finishedKeys, this.currentKey);
		this.previousKey = this.currentKey;
		this.previousEnd = readPosition();
		long next = this.runBase + this.consumed + this.carry + 1;
		this.passed.addLast(new Place(this.runBase, next, (this.currentKey != null) ? this.currentKey : "",
				this.current.getFileName().toString()));
		this.runBase = next;
		this.current = to;
		// The active file's path may hold a newer file by now (rotated since the files were listed): its key read
		// here would be that file's, and the one in between would be skipped. It is found when opened, as the file
		// after the one just left (openUnnamed).
		this.currentKey = to.equals(this.files.active()) ? null : keyOf(to);
		this.consumed = 0;
		this.carry = 0;
		this.missingSince = 0;
	}

	private int indexOfCurrent(List<Path> inOrder) {
		if (this.currentKey == null) {
			return inOrder.indexOf(this.current);
		}
		for (int i = 0; i < inOrder.size(); i++) {
			if (this.currentKey.equals(keyOf(inOrder.get(i)))) {
				return i;
			}
		}
		return -1;
	}

	private @Nullable Path find(List<Path> inOrder, String key) {
		for (Path file : inOrder) {
			if (key.equals(keyOf(file))) {
				return file;
			}
		}
		return null;
	}

	/** The file's key; a rotated file's is remembered (its name is not reused). */
	private @Nullable String keyOf(Path file) {
		synchronized (this.keys) {
			String known = this.keys.get(file.toString());
			if (known != null) {
				return known;
			}
		}
		try {
			String key = LineFile.key(file);
			if (key != null && !file.equals(this.files.active())) {
				synchronized (this.keys) {
					this.keys.put(file.toString(), key);
				}
			}
			return key;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private List<Path> listFiles() {
		try {
			List<Path> inOrder = this.files.inOrder();
			synchronized (this.keys) {
				this.keys.keySet().retainAll(inOrder.stream().map(Path::toString).toList());
			}
			return inOrder;
		}
		catch (IOException ex) {
			return List.of(this.files.active());
		}
	}

	private void closeFile() {
		this.readingActive = null;
		if (this.in != null) {
			try {
				this.in.close();
			}
			catch (IOException ex) {
				// read-only; nothing lost
			}
			this.in = null;
		}
	}

	/**
	 * Sends the first {@code count} spans that are ready and, unless shutdown gave up, records the position
	 * after them in the checkpoint.
	 * @return whether to go on
	 */
	private boolean send(int count) throws InterruptedException {
		List<SpanData> batch = new ArrayList<>(this.ready.subList(0, count));
		SpanSender.Outcome outcome = this.sender.send(batch);
		if (outcome == SpanSender.Outcome.GAVE_UP) {
			return false;
		}
		if (outcome == SpanSender.Outcome.EXPORTED) {
			this.exported.addAndGet(count);
		}
		else {
			this.rejected.addAndGet(count);
		}
		Mark after;
		Mark resume;
		synchronized (this.lock) {
			boolean all = count == this.ready.size();
			after = all ? readPosition() : this.readyMarks.get(count - 1);
			// the oldest entry of a call not shipped yet: open now, or paired with a span still waiting to be sent
			long open = all ? this.reader.oldestOpenMark() : this.readyMarks.get(count).openBefore();
			this.ready.subList(0, count).clear();
			this.readyMarks.subList(0, count).clear();
			this.acknowledged = after;
			Mark oldest = (open < after.at()) ? markAt(open) : null;
			resume = (oldest != null && !oldest.key().isEmpty()) ? oldest : after;
			while (!this.passed.isEmpty() && this.passed.getFirst().end() <= resume.at()) {
				this.passed.removeFirst();
			}
		}
		if (after.key().isEmpty()) {
			return true;
		}
		this.resumePoint = resume.position();
		writeCheckpoint(new Checkpoint(after.position(), resume.position()), false);
		return true;
	}

	/**
	 * Writes the checkpoint after every batch, forced to the disk at most every {@link #FORCE_NANOS} (and at the
	 * end); a process crash loses nothing either way, as the file is replaced whole.
	 */
	private void writeCheckpoint(Checkpoint checkpoint, boolean last) {
		long now = System.nanoTime();
		boolean force = last || now - this.lastForced >= FORCE_NANOS;
		try {
			checkpoint.write(this.checkpointFile, force);
			if (force) {
				this.lastForced = now;
			}
			this.unforced = force ? null : checkpoint;
		}
		catch (IOException ex) {
			this.sender.failed("cannot write the checkpoint " + this.checkpointFile + " (" + ex.getMessage() + ")");
		}
	}

	private Mark readPosition() {
		Mark previous = this.previousEnd;
		if (this.currentKey == null && this.consumed == 0 && previous != null) {
			// nothing read from the current file yet, which has no key to name a place in it by
			return previous;
		}
		long at = this.runBase + this.consumed;
		return new Mark(at, at, (this.currentKey != null) ? this.currentKey : "", this.consumed,
				this.current.getFileName().toString());
	}

	/** The place of a line read by this run, from its {@link Mark#at()}; {@code null} when its file is forgotten. */
	private @Nullable Mark markAt(long at) {
		if (at >= this.runBase) {
			return new Mark(at, at, (this.currentKey != null) ? this.currentKey : "", at - this.runBase,
					this.current.getFileName().toString());
		}
		Iterator<Place> places = this.passed.descendingIterator();
		while (places.hasNext()) {
			Place place = places.next();
			if (place.base() <= at) {
				return new Mark(at, at, place.key(), at - place.base(), place.name());
			}
		}
		return null;
	}

	/**
	 * @return bytes on disk after the acknowledged position (a compressed file counts whole) and the files
	 * holding them
	 */
	private long[] backlog() {
		Mark acked = this.acknowledged;
		String ackedKey = (acked != null) ? acked.key() : "";
		long ackedOffset = (acked != null) ? acked.offset() : 0;
		List<Path> inOrder = listFiles();
		long bytes = 0;
		int count = 0;
		boolean counting = ackedKey.isEmpty() || find(inOrder, ackedKey) == null;
		for (Path file : inOrder) {
			long size = sizeOf(file);
			if (!counting && ackedKey.equals(keyOf(file))) {
				counting = true;
				size = LineFile.compressed(file) ? size : Math.max(0, size - ackedOffset);
			}
			if (counting && size > 0) {
				bytes += size;
				count++;
			}
		}
		return new long[] { bytes, count };
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Rotation asks: a file is released once the collector acknowledged every line of it. */
	@Override
	public boolean released(Path file) {
		synchronized (this.lock) {
			Mark acked = this.acknowledged;
			Checkpoint.Position resume = this.resumePoint;
			String key = keyOf(file);
			if (acked == null || key == null || key.equals(acked.key())) {
				return false;
			}
			List<Path> inOrder = listFiles();
			int ackedAt = lastIndexOf(inOrder, acked.key());
			int resumeAt = (resume != null) ? lastIndexOf(inOrder, resume.key()) : -1;
			// the file the checkpoint resumes at holds the entries of calls not shipped yet: kept with every later one
			int keepFrom = (resumeAt >= 0 && resumeAt < ackedAt) ? resumeAt : ackedAt;
			int fileAt = inOrder.indexOf(file);
			return keepFrom >= 0 && fileAt >= 0 && fileAt < keepFrom;
		}
	}

	private int lastIndexOf(List<Path> inOrder, String key) {
		for (int i = inOrder.size() - 1; i >= 0; i--) {
			if (key.equals(keyOf(inOrder.get(i)))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Rotation deletes a file not released, to stay within {@code max-total-size}: its spans not read yet are
	 * counted as dropped {@code pruned}; reading moves on to the next file.
	 */
	@Override
	public void forcedDeletion(Path file) {
		long[] lost;
		synchronized (this.lock) {
			String key = keyOf(file);
			boolean reading = key != null && key.equals(this.currentKey);
			List<Path> inOrder = listFiles();
			if (!reading && ((key != null && this.finishedKeys.containsKey(key))
					|| alreadyRead(inOrder, inOrder.indexOf(file)))) {
				return;
			}
			try {
				lost = LineFile.countFrom(file, reading ? this.consumed : 0);
			}
			catch (IOException ex) {
				lost = new long[] { 0, sizeOf(file) };
			}
			if (reading) {
				this.abandon = true;
			}
			else {
				remember(this.prunedKeys, key);
			}
			this.produced.addAndGet(lost[0]);
			this.pruned.addAndGet(lost[0]);
			this.prunedBytes.addAndGet(lost[1]);
			this.prunedFiles.incrementAndGet();
		}
		logger.log(Level.WARNING, "OTLP durable export: rotation deletes " + file.getFileName() + " to stay within"
				+ " telemetry.output.rotation.max-total-size before it was shipped: " + lost[0] + " spans ("
				+ lost[1] + " bytes) lost. Raise max-total-size or check the collector (see lastError at"
				+ " /actuator/telemetry).");
	}

	/** Whether the file at this place was read (its spans are exported or pending, not lost). */
	private boolean alreadyRead(List<Path> inOrder, int at) {
		if (at < 0) {
			return false;
		}
		if (this.currentKey != null) {
			return at < indexOfCurrent(inOrder);
		}
		// reading waits for the file after the one it left last
		for (int i = at; this.previousKey != null && i < inOrder.size(); i++) {
			if (this.previousKey.equals(keyOf(inOrder.get(i)))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A place in the files.
	 *
	 * @param at where it is in the bytes read by this run (orders places across files)
	 * @param openBefore for a span waiting to be sent, the {@link #at} of the oldest entry open before its line
	 * was read (its own entry, if it had one, or an older one); otherwise {@code at}
	 */
	private record Mark(long at, long openBefore, String key, long offset, String name) {

		Checkpoint.Position position() {
			return new Checkpoint.Position(this.key, this.offset, this.name);
		}

	}

	/**
	 * A file read by this run.
	 *
	 * @param base where it starts in the bytes read by this run
	 * @param end where the next file starts
	 */
	private record Place(long base, long end, String key, String name) {

	}

}
