package dev.cloudtelemetry.core.context;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.clock.NanoClock;

import static org.assertj.core.api.Assertions.assertThat;

class SpanFactoryTests {

	private static final RemoteContext OTHER_TRACERS_SPAN = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736",
			"00f067aa0ba902b7", true);

	private static final RemoteContext CALLER = RemoteContext.fromHex("0af7651916cd43dd8448eb211c80319c",
			"b7ad6b7169203331", true);

	@Test
	void withoutAnotherTracerASpanWithoutParentStartsATrace() {
		SpanFactory spans = new SpanFactory(NanoClock.system());
		Span root = spans.start(null, "job", "func", null);
		assertThat(spans.followsExternalTracer()).isFalse();
		assertThat(root.parentSpanId()).isZero();
		assertThat(root.traceIdHex()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void aSpanWithoutParentJoinsTheOtherTracersCurrentSpan() {
		SpanFactory spans = new SpanFactory(NanoClock.system(), () -> OTHER_TRACERS_SPAN);
		Span span = spans.start(null, "SELECT", "db", null);
		assertThat(spans.followsExternalTracer()).isTrue();
		assertThat(span.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(span.parentSpanId()).isEqualTo(OTHER_TRACERS_SPAN.spanId());
		assertThat(span.parent()).isNull();
		assertThat(span.spanId()).isNotEqualTo(OTHER_TRACERS_SPAN.spanId());
	}

	@Test
	void theStartersOwnParentWinsOverTheOtherTracer() {
		Span parent = new SpanFactory(NanoClock.system()).start(null, "OrderService.place", "func", null);
		SpanFactory spans = new SpanFactory(NanoClock.system(), () -> OTHER_TRACERS_SPAN);
		Span child = spans.start(parent, "SELECT", "db", null);
		assertThat(child.parent()).isSameAs(parent);
		assertThat(child.traceIdHex()).isEqualTo(parent.traceIdHex());
	}

	@Test
	void aServerSpanIsAChildOfTheOtherTracersServerSpanRatherThanOfTheCaller() {
		SpanFactory spans = new SpanFactory(NanoClock.system(), () -> OTHER_TRACERS_SPAN);
		Span server = spans.startRemoteChild(CALLER, "GET", "http", null);
		assertThat(server.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(server.parentSpanId()).isEqualTo(OTHER_TRACERS_SPAN.spanId());
	}

	@Test
	void whenTheOtherTracerHasNoCurrentSpanTheCallerIsTheParent() {
		SpanFactory spans = new SpanFactory(NanoClock.system(), () -> null);
		Span server = spans.startRemoteChild(CALLER, "GET", "http", null);
		assertThat(server.traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(server.parentSpanId()).isEqualTo(CALLER.spanId());
		assertThat(spans.startRemoteChild(null, "GET", "http", null).parentSpanId()).isZero();
	}

	@Test
	void aFailingTracerCostsOnlyTheLink() {
		SpanFactory spans = new SpanFactory(NanoClock.system(), () -> {
			throw new NoClassDefFoundError("io/opentelemetry/api/trace/Span");
		});
		Span span = spans.start(null, "job", "func", null);
		assertThat(span.parentSpanId()).isZero();
		assertThat(spans.startRemoteChild(CALLER, "GET", "http", null).parentSpanId()).isEqualTo(CALLER.spanId());
	}

	@Test
	void idsOfOtherTracersAreReadFromHex() {
		RemoteContext brave64 = RemoteContext.fromHex("a3ce929d0e0e4736", "00f067aa0ba902b7", false);
		assertThat(brave64.traceIdHigh()).isZero();
		assertThat(brave64.traceIdLow()).isEqualTo(0xa3ce929d0e0e4736L);
		assertThat(brave64.sampled()).isFalse();
		assertThat(RemoteContext.fromHex("00000000000000000000000000000000", "00f067aa0ba902b7", true)).isNull();
		assertThat(RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000000", true)).isNull();
		assertThat(RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e473", "00f067aa0ba902b7", true)).isNull();
		assertThat(RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e47zz", "00f067aa0ba902b7", true)).isNull();
		assertThat(RemoteContext.fromHex(null, "00f067aa0ba902b7", true)).isNull();
	}

}
