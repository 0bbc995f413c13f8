package dev.cloudtelemetry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time (user and system) of the benchmark thread per operation, printed after each iteration.
 * The machine the benchmarks run on is shared: JMH's times also count the time a thread waited for a
 * core, which this does not. A benchmark method increments {@link #operations} once per operation.
 */
@State(Scope.Thread)
public class ThreadCpu {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	/** Operations in this iteration. */
	public long operations;

	private long cpuStart;

	private long wallStart;

	@Setup(Level.Iteration)
	public void start() {
		this.operations = 0;
		this.wallStart = System.nanoTime();
		this.cpuStart = threads.getCurrentThreadCpuTime();
	}

	@TearDown(Level.Iteration)
	public void report() {
		long cpu = threads.getCurrentThreadCpuTime() - this.cpuStart;
		long wall = System.nanoTime() - this.wallStart;
		if (this.operations > 0) {
			double cpuPerOp = (double) cpu / this.operations;
			System.out.printf("%n[thread-cpu] %,d ops, CPU %.1f ns/op (%,.0f ops per CPU-second), wall %.1f ns/op%n",
					this.operations, cpuPerOp, 1e9 / cpuPerOp, (double) wall / this.operations);
		}
	}

}
