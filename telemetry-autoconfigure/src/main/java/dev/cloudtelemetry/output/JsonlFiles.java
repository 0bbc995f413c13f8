package dev.cloudtelemetry.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSONL files a {@link FileExporter} writes, in the order they were written: the rotated files beside the
 * active one (compressed or not), oldest first, then the active file.
 */
public final class JsonlFiles {

	private final Path active;

	private final RotatedFiles rotated;

	/**
	 * @param active the file the writer appends to
	 */
	public JsonlFiles(Path active) {
		this.active = active.toAbsolutePath();
		this.rotated = new RotatedFiles(this.active, Rotation.NONE);
	}

	/** The file the writer appends to. */
	public Path active() {
		return this.active;
	}

	/**
	 * @return the rotated files, oldest first, then the active file (whether it exists or not)
	 * @throws IOException when the directory cannot be read
	 */
	public List<Path> inOrder() throws IOException {
		List<Path> files = this.rotated.oldestFirst();
		files.add(this.active);
		return files;
	}

}
