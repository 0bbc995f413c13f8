package dev.cloudtelemetry.output;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.cloudtelemetry.benchmarks.ThreadCpu;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.TelemetryEvent;

/**
 * The writer's queue alone: one or two producer threads offer events (dropping them when the queue is
 * full, as {@code overflow=drop} does) while one consumer thread drains batches of up to 1024, as the
 * writer thread does. {@code ring} is {@link EventRing} (one compare-and-set per offer), {@code abq} the
 * {@link ArrayBlockingQueue} it replaced (one lock shared by every producer and the consumer). The score
 * is per operation of each method; the {@code [thread-cpu]} lines are the producers' CPU per offer. In
 * package {@code dev.cloudtelemetry.output} because the ring is package-private.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventQueueBenchmark {

	@Param({ "ring", "abq" })
	public String queue;

	private EventRing ring;

	private ArrayBlockingQueue<TelemetryEvent> blocking;

	private TelemetryEvent event;

	private final List<TelemetryEvent> batch = new ArrayList<>(1024);

	@Setup(Level.Trial)
	public void setUp() {
		this.ring = new EventRing(8192);
		this.blocking = new ArrayBlockingQueue<>(8192);
		this.event = GenericEvent.builder("function_entry", 1).message("queued").build();
	}

	private boolean offer(ThreadCpu cpu) {
		cpu.operations++;
		return this.queue.equals("ring") ? this.ring.offer(this.event) : this.blocking.offer(this.event);
	}

	private int drain() {
		this.batch.clear();
		return this.queue.equals("ring") ? this.ring.drain(this.batch, 1024) : this.blocking.drainTo(this.batch, 1024);
	}

	@Benchmark
	@Group("oneProducer")
	@GroupThreads(1)
	public boolean oneProducerOffer(ThreadCpu cpu) {
		return offer(cpu);
	}

	@Benchmark
	@Group("oneProducer")
	@GroupThreads(1)
	public int oneProducerDrain() {
		return drain();
	}

	@Benchmark
	@Group("twoProducers")
	@GroupThreads(2)
	public boolean twoProducersOffer(ThreadCpu cpu) {
		return offer(cpu);
	}

	@Benchmark
	@Group("twoProducers")
	@GroupThreads(1)
	public int twoProducersDrain() {
		return drain();
	}

}
