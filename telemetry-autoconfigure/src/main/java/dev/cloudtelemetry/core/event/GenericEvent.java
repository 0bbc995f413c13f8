package dev.cloudtelemetry.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cloudtelemetry.core.context.Span;

/**
 * An event whose attributes are known up front as a map: HTTP, database and diagnostic events.
 */
public final class GenericEvent implements TelemetryEvent {

	private final long timestampNanos;

	private final Severity severity;

	private final Span span;

	private final String eventType;

	private final String functionName;

	private final long durationNanos;

	private final String message;

	private final Map<String, Object> attributes;

	private final Throwable error;

	private GenericEvent(Builder builder) {
		this.timestampNanos = builder.timestampNanos;
		this.severity = builder.severity;
		this.span = builder.span;
		this.eventType = builder.eventType;
		this.functionName = builder.functionName;
		this.durationNanos = builder.durationNanos;
		this.message = builder.message;
		this.attributes = builder.attributes;
		this.error = builder.error;
	}

	public static Builder builder(String eventType, long timestampNanos) {
		return new Builder(eventType, timestampNanos);
	}

	@Override
	public String eventType() {
		return this.eventType;
	}

	@Override
	public long timestampNanos() {
		return this.timestampNanos;
	}

	@Override
	public Severity severity() {
		return this.severity;
	}

	@Override
	public Span span() {
		return this.span;
	}

	@Override
	public String functionName() {
		return (this.functionName != null) ? this.functionName : TelemetryEvent.super.functionName();
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	@Override
	public String message() {
		return this.message;
	}

	@Override
	public Throwable error() {
		return this.error;
	}

	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public void writeAttributes(AttributeWriter writer) {
		this.attributes.forEach(writer::putValue);
	}

	/**
	 * Builds a {@link GenericEvent}.
	 */
	public static final class Builder {

		private final String eventType;

		private final long timestampNanos;

		private Severity severity = Severity.INFO;

		private Span span;

		private String functionName;

		private long durationNanos = -1;

		private String message = "";

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Throwable error;

		private Builder(String eventType, long timestampNanos) {
			this.eventType = eventType;
			this.timestampNanos = timestampNanos;
		}

		public Builder severity(Severity severity) {
			this.severity = severity;
			return this;
		}

		public Builder span(Span span) {
			this.span = span;
			return this;
		}

		public Builder functionName(String functionName) {
			this.functionName = functionName;
			return this;
		}

		public Builder durationNanos(long durationNanos) {
			this.durationNanos = durationNanos;
			return this;
		}

		public Builder message(String message) {
			this.message = message;
			return this;
		}

		public Builder attribute(String key, Object value) {
			if (value != null) {
				this.attributes.put(key, value);
			}
			return this;
		}

		public Builder error(Throwable error) {
			this.error = error;
			return this;
		}

		public GenericEvent build() {
			return new GenericEvent(this);
		}

	}

}
