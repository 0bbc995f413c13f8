package dev.cloudtelemetry.instrument.context;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentSpanThreadLocalAccessorTests {

	private final Span span = new SpanFactory(NanoClock.system()).start(null, "GET", "http", null);

	@AfterEach
	void clear() {
		CurrentSpan.restore(null);
	}

	@Test
	void isRegisteredWithTheGlobalRegistry() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anyMatch((accessor) -> ReactorSpans.KEY.equals(accessor.key()));
	}

	@Test
	void snapshotCarriesTheCurrentSpanToAnotherThread() throws Exception {
		CurrentSpan.set(this.span);
		Runnable task = ContextSnapshotFactory.builder().build().captureAll().wrap(() -> {
			assertThat(CurrentSpan.get()).isSameAs(this.span);
		});
		CurrentSpan.restore(null);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			executor.submit(task).get();
			assertThat(executor.submit(CurrentSpan::get).get()).as("restored after the task").isNull();
		}
		finally {
			executor.shutdown();
		}
	}

	@Test
	void contextCaptureMakesTheCurrentSpanTheParentOfAReactorChain() {
		CurrentSpan.set(this.span);
		Span found = Mono.deferContextual((context) -> Mono.justOrEmpty(ReactorSpans.current(context)))
			.subscribeOn(Schedulers.boundedElastic())
			.contextCapture()
			.block();
		assertThat(found).isSameAs(this.span);
	}

	@Test
	void automaticPropagationRestoresTheSpanFromTheReactorContextInOperators() {
		Hooks.enableAutomaticContextPropagation();
		try {
			Span seen = Mono.just(1)
				.publishOn(Schedulers.boundedElastic())
				.map((value) -> CurrentSpan.get())
				.contextWrite(Context.of(ReactorSpans.KEY, this.span))
				.block();
			assertThat(seen).isSameAs(this.span);
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
	}

}
