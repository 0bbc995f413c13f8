package dev.cloudtelemetry.instrument.jdbc;

import dev.cloudtelemetry.core.context.AbstractSpan;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.AttributeWriter;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SpanFilter;

/**
 * One statement execution: its span and its {@code db_query} event. The statement's thread records only
 * what it knows (the sanitized text from the cache, the end, the outcome); the name, the message and the
 * attributes are written by the writer thread.
 */
final class StatementExecution extends AbstractSpan implements TelemetryEvent {

	private final JdbcQueryListener source;

	private final DatabaseInfo database;

	private final String text;

	private final String operation;

	private long endNanos;

	private Throwable failure;

	private int batchSize = -1;

	private long rowsAffected = -1;

	StatementExecution(Span parent, RemoteContext outer, long startNanos, JdbcQueryListener source,
			DatabaseInfo database, String text, String operation, Sampling sampling) {
		super(parent, outer, startNanos, sampling);
		this.source = source;
		this.database = database;
		this.text = text;
		this.operation = operation;
		if (sampling.hasFilters() && !sampling.keeps(SpanFilter.Kind.DATABASE,
				(operation != null) ? operation : database.system(), text, parent)) {
			dropByFilter();
		}
	}

	/**
	 * Records the outcome.
	 * @param endNanos when the execution ended
	 * @param failure what it threw, or {@code null}
	 * @param batchSize the batch size, or {@code -1} when it was no batch
	 * @param rowsAffected the rows affected, or {@code -1} when unknown
	 */
	void ended(long endNanos, Throwable failure, int batchSize, long rowsAffected) {
		this.endNanos = endNanos;
		this.failure = failure;
		this.batchSize = batchSize;
		this.rowsAffected = rowsAffected;
	}

	String operation() {
		return this.operation;
	}

	@Override
	public String name() {
		String target = (this.database.name() != null) ? this.database.name() : this.database.system();
		return (this.operation != null) ? this.operation + " " + target : target;
	}

	@Override
	public Object details() {
		return this;
	}

	@Override
	public String correlationPrefix() {
		return "db";
	}

	@Override
	public String eventType() {
		return EventTypes.DB_QUERY;
	}

	@Override
	public long timestampNanos() {
		return this.endNanos;
	}

	@Override
	public Severity severity() {
		return (this.failure != null) ? Severity.ERROR : Severity.INFO;
	}

	@Override
	public Span span() {
		return this;
	}

	@Override
	public long durationNanos() {
		return Math.max(0, this.endNanos - startNanos());
	}

	@Override
	public Throwable error() {
		// redacted on the writer thread, like every database error (SqlErrorRedactor)
		return this.failure;
	}

	@Override
	public String message() {
		String text = ((this.operation != null) ? this.operation : "Statement") + " on " + this.database.system()
				+ ((this.database.name() != null) ? " database " + this.database.name() : "");
		return (this.failure != null) ? text + " failed" : text;
	}

	@Override
	public void writeAttributes(AttributeWriter attributes) {
		SemanticConventions semconv = this.source.semconv();
		boolean legacy = semconv != SemanticConventions.STABLE;
		boolean stable = semconv != SemanticConventions.LEGACY;
		if (legacy) {
			attributes.put("db.system", this.database.system());
		}
		if (stable) {
			attributes.put("db.system.name", this.database.stableSystem());
		}
		put(attributes, legacy, stable, "db.name", "db.namespace", this.database.name());
		put(attributes, legacy, stable, "db.operation", "db.operation.name", this.operation);
		put(attributes, legacy, stable, "db.statement", "db.query.text", this.text);
		if (this.batchSize >= 0) {
			put(attributes, legacy, stable, "db.batch.size", "db.operation.batch.size", this.batchSize);
		}
		if (this.failure == null && this.rowsAffected >= 0) {
			put(attributes, legacy, stable, "db.rows_affected", "db.response.affected_rows", this.rowsAffected);
		}
		attributes.put("db.datasource.name", this.source.dataSourceName());
		attributes.put("span.kind", "client");
	}

	private static void put(AttributeWriter attributes, boolean legacy, boolean stable, String legacyName,
			String stableName, Object value) {
		if (legacy) {
			attributes.putValue(legacyName, value);
		}
		if (stable) {
			attributes.putValue(stableName, value);
		}
	}

}
