package dev.cloudtelemetry.output;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.TelemetryEvent;

import static dev.cloudtelemetry.output.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's lock-free queue: bounded, in order, every event taken exactly once, also with many producers
 * racing one consumer.
 */
class EventRingTests {

	@Test
	void refusesWhenFullAndTakesInOrder() {
		EventRing ring = new EventRing(3);
		List<TelemetryEvent> offered = List.of(event("a"), event("b"), event("c"));
		for (TelemetryEvent e : offered) {
			assertThat(ring.offer(e)).isTrue();
		}
		assertThat(ring.offer(event("d"))).isFalse();
		assertThat(ring.isFull()).isTrue();
		assertThat(ring.size()).isEqualTo(3);
		List<TelemetryEvent> taken = new ArrayList<>();
		assertThat(ring.drain(taken, 2)).isEqualTo(2);
		assertThat(ring.offer(event("e"))).isTrue();
		assertThat(ring.drain(taken, 10)).isEqualTo(2);
		assertThat(taken).extracting(TelemetryEvent::message).containsExactly("a", "b", "c", "e");
		assertThat(ring.isEmpty()).isTrue();
		assertThat(ring.produced()).isEqualTo(4);
	}

	@Test
	void wrapsAroundManyTimesWithAnyCapacity() {
		for (int capacity : new int[] { 1, 2, 5, 8, 1000 }) {
			EventRing ring = new EventRing(capacity);
			List<TelemetryEvent> taken = new ArrayList<>();
			int next = 0;
			for (int lap = 0; lap < 50; lap++) {
				while (ring.offer(event(Integer.toString(next)))) {
					next++;
				}
				ring.drain(taken, Integer.MAX_VALUE);
			}
			assertThat(taken).as("capacity %d", capacity).hasSize(next);
			for (int i = 0; i < taken.size(); i++) {
				assertThat(taken.get(i).message()).isEqualTo(Integer.toString(i));
			}
		}
	}

	@Test
	void recoveringAfterACleanTakeChangesNothing() {
		EventRing ring = new EventRing(4);
		ring.offer(event("a"));
		ring.offer(event("b"));
		ring.drain(new ArrayList<>(), 1);
		ring.recover();
		List<TelemetryEvent> taken = new ArrayList<>();
		assertThat(ring.drain(taken, 10)).isEqualTo(1);
		for (int i = 0; i < 4; i++) {
			assertThat(ring.offer(event("c" + i))).isTrue();
		}
		assertThat(ring.drain(taken, 10)).isEqualTo(4);
		assertThat(taken).extracting(TelemetryEvent::message).containsExactly("b", "c0", "c1", "c2", "c3");
	}

	/**
	 * Eight producers race one consumer through a small ring for 200,000 events: each is taken exactly
	 * once, each producer's events in the order it offered them, and the counts add up.
	 */
	@Test
	void manyProducersAndOneConsumerLoseAndDuplicateNothing() throws Exception {
		int producers = 8;
		int perProducer = 25_000;
		EventRing ring = new EventRing(100);
		TelemetryEvent[][] events = new TelemetryEvent[producers][perProducer];
		for (int p = 0; p < producers; p++) {
			for (int i = 0; i < perProducer; i++) {
				// the timestamp says whose event it is
				events[p][i] = GenericEvent.builder("test_event", (long) p * perProducer + i).build();
			}
		}
		AtomicLong refused = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			TelemetryEvent[] mine = events[p];
			Thread producer = new Thread(() -> {
				await(start);
				for (TelemetryEvent e : mine) {
					while (!ring.offer(e)) {
						refused.incrementAndGet();
						// let the consumer have the core
						Thread.yield();
					}
				}
			});
			threads.add(producer);
			producer.start();
		}
		int[] nextOf = new int[producers];
		List<String> wrong = new ArrayList<>();
		List<TelemetryEvent> batch = new ArrayList<>();
		long total = (long) producers * perProducer;
		long taken = 0;
		start.countDown();
		while (taken < total) {
			batch.clear();
			int moved = ring.drain(batch, 37);
			for (TelemetryEvent e : batch) {
				int p = (int) (e.timestampNanos() / perProducer);
				if (nextOf[p] >= perProducer || e != events[p][nextOf[p]]) {
					wrong.add("producer " + p + ": expected event " + nextOf[p] + ", took " + e.timestampNanos());
				}
				nextOf[p]++;
			}
			taken += moved;
			if (moved == 0) {
				Thread.yield();
			}
		}
		assertThat(wrong).isEmpty();
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(nextOf).containsOnly(perProducer);
		assertThat(ring.produced()).isEqualTo(total);
		assertThat(ring.isEmpty()).isTrue();
		assertThat(ring.drainAll(batch)).isZero();
		assertThat(refused.get()).as("the ring was full at times, so the race was real").isPositive();
	}

	@Test
	void drainAllWaitsForEveryClaimedEvent() throws Exception {
		EventRing ring = new EventRing(1024);
		int producers = 4;
		int perProducer = 200;
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			Thread producer = new Thread(() -> {
				for (int i = 0; i < perProducer; i++) {
					ring.offer(event("e"));
				}
			});
			threads.add(producer);
			producer.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		List<TelemetryEvent> taken = new ArrayList<>();
		assertThat(ring.drainAll(taken)).isEqualTo(producers * perProducer);
		assertThat(taken).doesNotContainNull();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
