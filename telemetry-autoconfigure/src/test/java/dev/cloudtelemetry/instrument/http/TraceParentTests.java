package dev.cloudtelemetry.instrument.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.context.TraceIds;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTests {

	private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void validHeaderGivesTheCallersIds() {
		RemoteContext remote = TraceParent.parse(VALID, "congo=t61rcWkgMzE");
		assertThat(remote).isNotNull();
		assertThat(TraceIds.toHex(remote.traceIdHigh(), remote.traceIdLow()))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(TraceIds.toHex(remote.spanId())).isEqualTo("00f067aa0ba902b7");
		assertThat(remote.sampled()).isTrue();
		assertThat(remote.traceState()).isEqualTo("congo=t61rcWkgMzE");
	}

	@Test
	void unsampledFlagIsRead() {
		assertThat(TraceParent.parse(VALID.replace("-01", "-00"), null).sampled()).isFalse();
	}

	@Test
	void futureVersionIsToleratedIncludingTrailingFields() {
		assertThat(TraceParent.parse("cc" + VALID.substring(2), null)).isNotNull();
		assertThat(TraceParent.parse("cc" + VALID.substring(2) + "-what-the-future-brings", null)).isNotNull();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "garbage", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
			"00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
			"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
			"0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z" })
	void invalidHeaderIsIgnored(String header) {
		assertThat(TraceParent.parse(header, "congo=t61rcWkgMzE")).isNull();
	}

	@Test
	void invalidTraceStateIsDroppedButTheParentKept() {
		assertThat(TraceParent.parse(VALID, "a=b\u0001").traceState()).isNull();
		assertThat(TraceParent.parse(VALID, "  ").traceState()).isNull();
	}

	@Test
	void formatWritesVersionZeroSampledWithTheSpansIds() {
		Span span = new SpanFactory(NanoClock.system()).start(null, "GET", "http", null);
		String header = TraceParent.format(span);
		assertThat(header).isEqualTo("00-" + span.traceIdHex() + "-" + span.spanIdHex() + "-01");
		RemoteContext parsed = TraceParent.parse(header, null);
		assertThat(parsed.spanId()).isEqualTo(span.spanId());
		assertThat(parsed.traceIdHigh()).isEqualTo(span.traceIdHigh());
		assertThat(parsed.traceIdLow()).isEqualTo(span.traceIdLow());
	}

}
