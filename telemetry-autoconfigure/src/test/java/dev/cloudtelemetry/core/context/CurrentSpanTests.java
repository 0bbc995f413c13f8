package dev.cloudtelemetry.core.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.clock.NanoClock;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentSpanTests {

	private final SpanFactory spans = new SpanFactory(NanoClock.system());

	private final List<String> changes = new ArrayList<>();

	private final CurrentSpan.Listener listener = (previous, current) -> this.changes
		.add(name(previous) + " -> " + name(current));

	@AfterEach
	void clear() {
		CurrentSpan.removeListener(this.listener);
		CurrentSpan.set(null);
	}

	@Test
	void aSlotReplacesAndRestoresTheSpanTheStaticMethodsSee() {
		Span outer = this.spans.start(null, "outer", "func", null);
		Span inner = this.spans.start(outer, "inner", "func", null);
		Span before = CurrentSpan.set(outer);
		CurrentSpan.Slot slot = CurrentSpan.slot();
		assertThat(slot.get()).isSameAs(outer);
		slot.replace(outer, inner);
		assertThat(CurrentSpan.get()).isSameAs(inner);
		slot.restore(outer);
		assertThat(CurrentSpan.get()).isSameAs(outer);
		CurrentSpan.restore(before);
		assertThat(CurrentSpan.get()).isNull();
	}

	@Test
	void theListenerHearsEveryChangeMadeThroughASlotAndNoneThatChangesNothing() {
		Span outer = this.spans.start(null, "outer", "func", null);
		Span inner = this.spans.start(outer, "inner", "func", null);
		CurrentSpan.setListener(this.listener);
		CurrentSpan.Slot slot = CurrentSpan.slot();
		slot.replace(null, outer);
		slot.replace(outer, inner);
		slot.replace(inner, inner);
		slot.restore(outer);
		slot.restore(outer);
		slot.restore(null);
		assertThat(this.changes).containsExactly("null -> outer", "outer -> inner", "inner -> outer", "outer -> null");
	}

	@Test
	void eachThreadHasItsOwnCurrentSpan() throws InterruptedException {
		Span outer = this.spans.start(null, "outer", "func", null);
		CurrentSpan.slot().replace(null, outer);
		AtomicReference<Span> seenByOther = new AtomicReference<>(outer);
		Thread other = new Thread(() -> {
			seenByOther.set(CurrentSpan.get());
			CurrentSpan.slot().replace(null, this.spans.start(null, "other", "func", null));
		});
		other.start();
		other.join();
		assertThat(seenByOther.get()).isNull();
		assertThat(CurrentSpan.get()).isSameAs(outer);
	}

	@Test
	void restoringNothingOnAThreadThatNeverHadASpanChangesNothing() throws InterruptedException {
		CurrentSpan.setListener(this.listener);
		Thread other = new Thread(() -> CurrentSpan.restore(null));
		other.start();
		other.join();
		assertThat(this.changes).isEmpty();
	}

	private static String name(Span span) {
		return (span != null) ? span.name() : "null";
	}

}
