package dev.cloudtelemetry.metadata.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudtelemetry.metadata.MetadataSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileMetadataStoreTests {

	@TempDir
	Path directory;

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-10-30T15:04:00Z"));

	private final AtomicReference<String> host = new AtomicReference<>("ip-172-31-23-45.ec2.internal");

	private final AtomicReference<String> boot = new AtomicReference<>("9f0c4d5e-1111-2222-3333-444455556666");

	private final MetadataSnapshot snapshot = new MetadataSnapshot(
			Map.of("provider", "aws", "region", "us-east-1", "platform", "ec2", "metadata_source", "IMDSv2"),
			Map.of("public_ip", "54.91.123.45"), Map.of("pod_labels", Map.of("app", "api"), "services", List.of("api")));

	private FileMetadataStore store() {
		Clock clock = new Clock() {

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return FileMetadataStoreTests.this.now.get();
			}

		};
		return new FileMetadataStore(this.directory.resolve(".telemetry_metadata.json"), Duration.ofHours(1), clock,
				this.host::get, this.boot::get);
	}

	@Test
	void whatWasSavedIsLoadedOnTheSameHostAndBoot() {
		store().save(this.snapshot);
		assertThat(store().load()).isEqualTo(this.snapshot);
	}

	@Test
	void missingFileIsAMiss() {
		assertThat(store().load()).isNull();
	}

	@Test
	void entryExpiresAfterTheTtl() {
		store().save(this.snapshot);
		this.now.set(this.now.get().plus(Duration.ofMinutes(59)));
		assertThat(store().load()).isNotNull();
		this.now.set(this.now.get().plus(Duration.ofMinutes(2)));
		assertThat(store().load()).isNull();
	}

	@Test
	void entryOfAnotherHostIsIgnored() {
		store().save(this.snapshot);
		this.host.set("other-host");
		assertThat(store().load()).isNull();
	}

	@Test
	void entryOfAnotherBootIsIgnored() {
		store().save(this.snapshot);
		this.boot.set("a-new-boot");
		assertThat(store().load()).isNull();
	}

	@Test
	void corruptFileIsIgnoredAndRewritten() throws IOException {
		Path file = store().path();
		Files.writeString(file, "{\"format\":1,\"cloud\":");
		assertThat(store().load()).isNull();
		store().save(this.snapshot);
		assertThat(store().load()).isEqualTo(this.snapshot);
		Files.writeString(file, "[]");
		assertThat(store().load()).isNull();
		Files.write(file, new byte[] { (byte) 0xff, 0, 1, 2 });
		assertThat(store().load()).isNull();
	}

	@Test
	void fileIsReadableByItsOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		store().save(this.snapshot);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store().path())))
			.isEqualTo("rw-------");
		try (var files = Files.list(this.directory)) {
			assertThat(files).extracting((path) -> path.getFileName().toString())
				.containsExactly(".telemetry_metadata.json");
		}
	}

	@Test
	void unwritableLocationIsSilentlyIgnored() throws IOException {
		Path blocker = Files.writeString(this.directory.resolve("file"), "x");
		FileMetadataStore store = new FileMetadataStore(blocker.resolve("cache.json"), Duration.ofHours(1),
				Clock.systemUTC(), this.host::get, this.boot::get);
		store.save(this.snapshot);
		assertThat(store.load()).isNull();
	}

	@Test
	void bootIdIsReadFromTheGivenFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("boot_id"), "abc-123\n");
		assertThat(FileMetadataStore.readBootId(file)).isEqualTo("abc-123");
		assertThat(FileMetadataStore.readBootId(this.directory.resolve("absent"))).isNull();
	}

}
