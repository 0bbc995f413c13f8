package dev.cloudtelemetry.output;

import java.time.Duration;

/**
 * When the active file is rotated and which rotated files are kept.
 *
 * @param maxFileSize rotate before the active file would grow past this many bytes
 * @param maxHistory rotated files kept
 * @param maxTotalSize bytes the active and rotated files may take together; the oldest rotated files are
 * deleted beyond it
 * @param interval rotate when the active file is this old, or {@code null}
 * @param compress whether rotated files are compressed with gzip
 */
public record Rotation(long maxFileSize, int maxHistory, long maxTotalSize, Duration interval, boolean compress) {

	/** No rotation: one file that grows. */
	public static final Rotation NONE = new Rotation(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, null, false);

	/** The defaults: 100 MB files, 10 kept, 1 GB in all, not compressed. */
	public static final Rotation DEFAULT = new Rotation(100L * 1024 * 1024, 10, 1024L * 1024 * 1024, null, false);

	boolean isEnabled() {
		return this.maxFileSize != Long.MAX_VALUE || this.interval != null;
	}

}
