package dev.cloudtelemetry.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time (user and system) and the bytes allocated by the benchmark thread per operation, printed
 * after each iteration. The machine the benchmarks run on is shared: JMH's times also count the time a
 * thread waited for a core, which this does not; {@code -prof gc} counts the allocations of every thread
 * (the telemetry writer's too), which this does not. A benchmark method increments {@link #operations}
 * once per operation.
 */
@State(Scope.Thread)
public class ThreadCpu {

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	/** Operations in this iteration. */
	public long operations;

	private long cpuStart;

	private long wallStart;

	private long allocatedStart;

	@Setup(Level.Iteration)
	public void start() {
		this.operations = 0;
		this.wallStart = System.nanoTime();
		this.allocatedStart = threads.getCurrentThreadAllocatedBytes();
		this.cpuStart = threads.getCurrentThreadCpuTime();
	}

	@TearDown(Level.Iteration)
	public void report() {
		long cpu = threads.getCurrentThreadCpuTime() - this.cpuStart;
		long wall = System.nanoTime() - this.wallStart;
		long allocated = threads.getCurrentThreadAllocatedBytes() - this.allocatedStart;
		if (this.operations > 0) {
			double cpuPerOp = (double) cpu / this.operations;
			System.out.printf(
					"%n[thread-cpu] %,d ops, CPU %.1f ns/op (%,.0f ops per CPU-second), wall %.1f ns/op, "
							+ "allocated on this thread %.1f B/op%n",
					this.operations, cpuPerOp, 1e9 / cpuPerOp, (double) wall / this.operations,
					(double) allocated / this.operations);
		}
	}

}
