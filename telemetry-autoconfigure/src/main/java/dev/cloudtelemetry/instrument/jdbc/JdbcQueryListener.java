package dev.cloudtelemetry.instrument.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.event.EventTypes;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;

/**
 * Turns one statement execution of one data source into a {@code db_query} event: a span under the
 * current span (or a new trace) is started before the execution and reported after it.
 */
public final class JdbcQueryListener implements QueryExecutionListener {

	private static final String SPAN_KEY = JdbcQueryListener.class.getName();

	private final JdbcTelemetry telemetry;

	private final String dataSourceName;

	private volatile DatabaseInfo database;

	JdbcQueryListener(JdbcTelemetry telemetry, String dataSourceName) {
		this.telemetry = telemetry;
		this.dataSourceName = dataSourceName;
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		try {
			DatabaseInfo database = database(execution.getStatement());
			Statements statements = statements(database, queries);
			Span span = this.telemetry.spans().start(CurrentSpan.get(), spanName(statements.operation, database), "db",
					statements);
			execution.addCustomValue(SPAN_KEY, span);
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
		}
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		Span span = execution.getCustomValue(SPAN_KEY, Span.class);
		if (span == null) {
			return;
		}
		try {
			report(span, execution);
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
		}
	}

	private void report(Span span, ExecutionInfo execution) {
		Throwable failure = execution.getThrowable();
		Severity severity = (failure != null) ? Severity.ERROR : Severity.INFO;
		if (!this.telemetry.isRecorded(severity)) {
			return;
		}
		long end = this.telemetry.spans().clock().epochNanos();
		Statements statements = (Statements) span.details();
		DatabaseInfo database = this.database;
		SemanticConventions semconv = this.telemetry.semconv();
		GenericEvent.Builder event = GenericEvent.builder(EventTypes.DB_QUERY, end)
			.span(span)
			.severity(severity)
			.durationNanos(Math.max(0, end - span.startNanos()))
			.message(message(statements.operation, database, failure));
		if (semconv != SemanticConventions.STABLE) {
			event.attribute("db.system", database.system());
		}
		if (semconv != SemanticConventions.LEGACY) {
			event.attribute("db.system.name", database.stableSystem());
		}
		semconv.put(event, "db.name", "db.namespace", database.name());
		semconv.put(event, "db.operation", "db.operation.name", statements.operation);
		semconv.put(event, "db.statement", "db.query.text", statements.text);
		if (execution.isBatch()) {
			semconv.put(event, "db.batch.size", "db.operation.batch.size", execution.getBatchSize());
		}
		if (failure == null) {
			semconv.put(event, "db.rows_affected", "db.response.affected_rows", rowsAffected(execution.getResult()));
		}
		event.attribute("db.datasource.name", this.dataSourceName);
		event.attribute("span.kind", "client");
		// the error is redacted on the writer thread, like every database error (SqlErrorRedactor)
		event.error(failure);
		this.telemetry.sink().accept(event.build());
	}

	private DatabaseInfo database(Statement statement) {
		DatabaseInfo database = this.database;
		if (database == null) {
			database = resolve(statement);
			this.database = database;
		}
		return database;
	}

	private static DatabaseInfo resolve(Statement statement) {
		if (statement == null) {
			return DatabaseInfo.UNKNOWN;
		}
		try {
			Connection connection = statement.getConnection();
			String catalog;
			try {
				catalog = connection.getCatalog();
			}
			catch (SQLException | RuntimeException ex) {
				catalog = null;
			}
			return DatabaseInfo.fromUrl(connection.getMetaData().getURL(), catalog);
		}
		catch (SQLException | RuntimeException ex) {
			return DatabaseInfo.UNKNOWN;
		}
	}

	private Statements statements(DatabaseInfo database, List<QueryInfo> queries) {
		SanitizedSqlCache cache = this.telemetry.cacheFor(database);
		if (queries.size() == 1) {
			String sql = queries.get(0).getQuery();
			SanitizedSql sanitized = cache.get(sql);
			return new Statements(this.telemetry.recordLiterals() ? sql : sanitized.text(), sanitized.operation());
		}
		StringBuilder text = new StringBuilder();
		String operation = null;
		boolean mixed = false;
		for (QueryInfo query : queries) {
			SanitizedSql sanitized = cache.get(query.getQuery());
			if (!text.isEmpty()) {
				text.append("; ");
			}
			text.append(this.telemetry.recordLiterals() ? query.getQuery() : sanitized.text());
			if (operation == null) {
				operation = sanitized.operation();
			}
			else if (!operation.equals(sanitized.operation())) {
				mixed = true;
			}
		}
		// several texts at once come from Statement.addBatch
		return new Statements(text.toString(), mixed ? "BATCH" : operation);
	}

	private static String spanName(String operation, DatabaseInfo database) {
		String target = (database.name() != null) ? database.name() : database.system();
		return (operation != null) ? operation + " " + target : target;
	}

	private static String message(String operation, DatabaseInfo database, Throwable failure) {
		String text = ((operation != null) ? operation : "Statement") + " on " + database.system()
				+ ((database.name() != null) ? " database " + database.name() : "");
		return (failure != null) ? text + " failed" : text;
	}

	private static Long rowsAffected(Object result) {
		if (result instanceof Integer count) {
			return (count >= 0) ? count.longValue() : null;
		}
		if (result instanceof Long count) {
			return (count >= 0) ? count : null;
		}
		if (result instanceof int[] counts) {
			long total = 0;
			boolean known = false;
			for (int count : counts) {
				if (count >= 0) {
					total += count;
					known = true;
				}
			}
			return known ? total : null;
		}
		if (result instanceof long[] counts) {
			long total = 0;
			boolean known = false;
			for (long count : counts) {
				if (count >= 0) {
					total += count;
					known = true;
				}
			}
			return known ? total : null;
		}
		return null;
	}

	/** The statement text and operation, attached to the span as its details. */
	private record Statements(String text, String operation) {

	}

}
