package dev.cloudtelemetry.instrument.context;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class MdcSpanListenerTests {

	private final SpanFactory spans = new SpanFactory(System::nanoTime);

	private final MdcSpanListener listener = new MdcSpanListener();

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void putsAndRemovesTheIds() {
		Span span = this.spans.start(null, "a", "func", null);
		this.listener.changed(null, span);
		assertThat(MDC.get("trace_id")).isEqualTo(span.traceIdHex()).hasSize(32);
		assertThat(MDC.get("span_id")).isEqualTo(span.spanIdHex()).hasSize(16);
		this.listener.changed(span, null);
		assertThat(MDC.get("trace_id")).isNull();
		assertThat(MDC.get("span_id")).isNull();
	}

	@Test
	void traceIdIsWrittenOnlyWhenTheTraceChanges() {
		Span parent = this.spans.start(null, "parent", "func", null);
		this.listener.changed(null, parent);
		MDC.put("trace_id", "unchanged");
		Span child = this.spans.start(parent, "child", "func", null);
		this.listener.changed(parent, child);
		assertThat(MDC.get("trace_id")).isEqualTo("unchanged");
		assertThat(MDC.get("span_id")).isEqualTo(child.spanIdHex());
		Span other = this.spans.start(null, "other", "func", null);
		this.listener.changed(child, other);
		assertThat(MDC.get("trace_id")).isEqualTo(other.traceIdHex());
	}

	@Test
	void spanIdHexIsCached() {
		Span parent = this.spans.start(null, "parent", "func", null);
		Span child = this.spans.start(parent, "child", "func", null);
		assertThat(child.traceIdHex()).isEqualTo(parent.traceIdHex());
		assertThat(child.spanIdHex()).isSameAs(child.spanIdHex());
	}

}
