package sample.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;

/**
 * A scheduled job that records the span current in each run.
 */
@Component
@ConditionalOnBooleanProperty("jobs.ticker.enabled")
public class Ticker {

	private final List<Span> runs = new CopyOnWriteArrayList<>();

	private final CountDownLatch threeRuns = new CountDownLatch(3);

	@Scheduled(fixedDelay = 5)
	public void tick() {
		if (this.threeRuns.getCount() > 0) {
			this.runs.add(CurrentSpan.get());
			this.threeRuns.countDown();
		}
	}

	public CountDownLatch threeRuns() {
		return this.threeRuns;
	}

	public List<Span> runs() {
		return this.runs;
	}

}
