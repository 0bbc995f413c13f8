package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.cloudtelemetry.benchmarks.ThreadCpu;

/**
 * What writing the durable exporter's checkpoint costs once per batch: a small file written to a temporary
 * file and moved over the old one, with and without forcing it to the disk ({@code fsync}) first. The wall time
 * is the figure here (forcing waits for the disk, not for the CPU); the directory is in {@code java.io.tmpdir}
 * unless {@code -Dcheckpoint.dir} names another.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckpointBenchmark {

	@Param({ "true", "false" })
	public boolean force;

	private Path dir;

	private Path file;

	private long offset;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		String parent = System.getProperty("checkpoint.dir");
		this.dir = (parent != null) ? Files.createTempDirectory(Path.of(parent), "checkpoint")
				: Files.createTempDirectory("checkpoint");
		this.file = this.dir.resolve("telemetry.jsonl.otlp-checkpoint");
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		Files.deleteIfExists(this.file);
		Files.deleteIfExists(this.dir);
	}

	@Benchmark
	public void writeCheckpoint(ThreadCpu cpu) throws IOException {
		cpu.operations++;
		this.offset += 1_000_000;
		Checkpoint.Position acknowledged = new Checkpoint.Position("3f0c9a1e2b4d5c6e7f8a9b0c", this.offset,
				"telemetry-20261130-124246-123.jsonl.gz");
		new Checkpoint(acknowledged, acknowledged).write(this.file, this.force);
	}

}
