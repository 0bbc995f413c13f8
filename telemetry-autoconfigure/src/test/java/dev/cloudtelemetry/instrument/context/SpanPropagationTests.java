package dev.cloudtelemetry.instrument.context;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SpanPropagationTests {

	private final SpanFactory spans = new SpanFactory(System::nanoTime);

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void wrappedTaskRunsUnderTheSpanCurrentWhenItWasWrapped() throws Exception {
		Span span = this.spans.start(null, "caller", "func", null);
		Span previous = CurrentSpan.set(span);
		Runnable wrapped;
		Span[] seen = new Span[1];
		try {
			wrapped = SpanPropagation.wrap((Runnable) () -> seen[0] = CurrentSpan.get());
		}
		finally {
			CurrentSpan.restore(previous);
		}
		this.executor.submit(wrapped).get(10, TimeUnit.SECONDS);
		assertThat(seen[0]).isSameAs(span);
		assertThat(this.executor.submit(CurrentSpan::get).get(10, TimeUnit.SECONDS)).as("restored afterwards").isNull();
	}

	@Test
	void taskWrappedWithoutSpanRunsWithoutSpanEvenAfterALeakingTask() throws Exception {
		Span span = this.spans.start(null, "caller", "func", null);
		// a raw task that leaves a span current on the pooled thread
		this.executor.submit((Runnable) () -> CurrentSpan.set(span)).get(10, TimeUnit.SECONDS);
		Callable<Span> wrapped = SpanPropagation.wrap(CurrentSpan::get);
		assertThat(this.executor.submit(wrapped).get(10, TimeUnit.SECONDS)).isNull();
		assertThat(this.executor.submit(CurrentSpan::get).get(10, TimeUnit.SECONDS))
			.as("the worker's own state is restored").isSameAs(span);
	}

}
