package dev.cloudtelemetry.metadata.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.MetadataSnapshot;
import dev.cloudtelemetry.metadata.MetadataStore;
import dev.cloudtelemetry.resource.HostResourceProvider;

/**
 * Keeps the last metadata in a small JSON file ({@code ~/.telemetry_metadata.json} by default), so that a
 * restart on the same machine needs no probe. An entry is valid for one host name and one boot, and for
 * the TTL. The file is written atomically (temporary file, then move) and readable by its owner only; a
 * corrupt or unreadable file is ignored and rewritten.
 */
public final class FileMetadataStore implements MetadataStore {

	/** Where Linux tells which boot this is. */
	public static final Path DEFAULT_BOOT_ID_PATH = Path.of("/proc/sys/kernel/random/boot_id");

	private static final int FORMAT = 1;

	private static final long MAX_BYTES = 1024 * 1024;

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final Path path;

	private final Duration ttl;

	private final Clock clock;

	private final Supplier<String> hostName;

	private final Supplier<String> bootId;

	/**
	 * @param path the cache file
	 * @param ttl how long an entry is trusted
	 * @param clock the clock
	 * @param hostName the current host name; an entry written under another one is ignored
	 * @param bootId an identifier of the current boot, or a supplier of {@code null} when unknown
	 */
	public FileMetadataStore(Path path, Duration ttl, Clock clock, Supplier<String> hostName,
			Supplier<String> bootId) {
		this.path = path;
		this.ttl = ttl;
		this.clock = clock;
		this.hostName = hostName;
		this.bootId = bootId;
	}

	public Path path() {
		return this.path;
	}

	@Override
	public MetadataSnapshot load() {
		try {
			if (!Files.isRegularFile(this.path) || Files.size(this.path) > MAX_BYTES) {
				return null;
			}
			String text;
			try (InputStream in = Files.newInputStream(this.path)) {
				text = new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.UTF_8);
			}
			Map<String, Object> entry = Json.parseObject(text);
			if (entry == null || !(entry.get("format") instanceof Number format) || format.longValue() != FORMAT) {
				return null;
			}
			if (!Objects.equals(entry.get("host"), this.hostName.get())
					|| !Objects.equals(entry.get("boot_id"), this.bootId.get())) {
				return null;
			}
			Object writtenAt = entry.get("written_at");
			if (!(writtenAt instanceof Number millis)) {
				return null;
			}
			Instant written = Instant.ofEpochMilli(millis.longValue());
			Instant now = this.clock.instant();
			if (written.isAfter(now.plusSeconds(60)) || !written.plus(this.ttl).isAfter(now)) {
				return null;
			}
			Map<String, Object> cloud = Json.object(entry, "cloud");
			Map<String, Object> host = Json.object(entry, "host_fields");
			Map<String, Object> k8s = Json.object(entry, "k8s");
			if (cloud == null || host == null || k8s == null) {
				return null;
			}
			return new MetadataSnapshot(cloud, host, k8s);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void save(MetadataSnapshot snapshot) {
		Path temp = null;
		try {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("format", FORMAT);
			entry.put("written_at", this.clock.millis());
			entry.put("host", this.hostName.get());
			entry.put("boot_id", this.bootId.get());
			entry.put("cloud", snapshot.cloud());
			entry.put("host_fields", snapshot.host());
			entry.put("k8s", snapshot.k8s());
			Path directory = this.path.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			temp = Files.createTempFile(directory, "." + this.path.getFileName(), ".tmp", ownerOnly());
			Files.writeString(temp, Json.write(entry), StandardCharsets.UTF_8);
			try {
				Files.move(temp, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, this.path, StandardCopyOption.REPLACE_EXISTING);
			}
			temp = null;
			if (isPosix()) {
				Files.setPosixFilePermissions(this.path, OWNER_ONLY);
			}
		}
		catch (IOException | RuntimeException ex) {
			// a cache that cannot be written only costs the next start a probe
		}
		finally {
			if (temp != null) {
				try {
					Files.deleteIfExists(temp);
				}
				catch (IOException ex) {
					// nothing more to do
				}
			}
		}
	}

	private static FileAttribute<?>[] ownerOnly() {
		return isPosix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
				: new FileAttribute<?>[0];
	}

	private static boolean isPosix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	/**
	 * @param path the boot id file
	 * @return the boot id, or {@code null} where the system does not tell
	 */
	public static String readBootId(Path path) {
		try {
			return Files.isReadable(path) ? Files.readString(path, StandardCharsets.UTF_8).trim() : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * @param environment the environment
	 * @return the host name as the application sees it, without a name lookup where the system tells it
	 * otherwise (see {@link HostResourceProvider#hostName(UnaryOperator, Path)})
	 */
	public static String hostName(UnaryOperator<String> environment) {
		return HostResourceProvider.hostName(environment, HostResourceProvider.HOSTNAME_FILE);
	}

}
