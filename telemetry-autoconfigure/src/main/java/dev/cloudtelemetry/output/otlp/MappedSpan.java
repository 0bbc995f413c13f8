package dev.cloudtelemetry.output.otlp;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * One ended span, made from the JSON lines of a traced call, in the form the OTLP exporters take.
 */
record MappedSpan(String name, SpanKind kind, SpanContext spanContext, SpanContext parentSpanContext,
		StatusData status, long startEpochNanos, long endEpochNanos, Attributes attributes, List<EventData> events,
		Resource resource) implements SpanData {

	/** The instrumentation scope every exported span names: this starter. */
	static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("dev.cloudtelemetry")
		.setVersion("2.0.0")
		.build();

	@SuppressWarnings("deprecation") // SpanData still declares it
	private static final InstrumentationLibraryInfo LIBRARY = InstrumentationLibraryInfo.create(SCOPE.getName(),
			SCOPE.getVersion());

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public SpanKind getKind() {
		return this.kind;
	}

	@Override
	public SpanContext getSpanContext() {
		return this.spanContext;
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.parentSpanContext;
	}

	@Override
	public StatusData getStatus() {
		return this.status;
	}

	@Override
	public long getStartEpochNanos() {
		return this.startEpochNanos;
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public List<EventData> getEvents() {
		return this.events;
	}

	@Override
	public List<LinkData> getLinks() {
		return List.of();
	}

	@Override
	public long getEndEpochNanos() {
		return this.endEpochNanos;
	}

	@Override
	public boolean hasEnded() {
		return true;
	}

	@Override
	public int getTotalRecordedEvents() {
		return this.events.size();
	}

	@Override
	public int getTotalRecordedLinks() {
		return 0;
	}

	@Override
	public int getTotalAttributeCount() {
		return this.attributes.size();
	}

	@Override
	@SuppressWarnings("deprecation")
	public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
		return LIBRARY;
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return SCOPE;
	}

	@Override
	public Resource getResource() {
		return this.resource;
	}

}
