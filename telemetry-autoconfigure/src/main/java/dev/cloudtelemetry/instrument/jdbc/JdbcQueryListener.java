package dev.cloudtelemetry.instrument.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.AbstractList;
import java.util.List;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.encode.CutText;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.sampling.LocalTrace;

/**
 * Turns one statement execution of one data source into a {@code db_query} event: a span under the
 * current span (or a new trace) is started before the execution and reported after it. The statement's
 * thread pays for one small object and the cached sanitized text; the event is formatted by the writer.
 */
public final class JdbcQueryListener implements QueryExecutionListener {

	private static final String SPAN_KEY = JdbcQueryListener.class.getName();

	private final JdbcTelemetry telemetry;

	private final String dataSourceName;

	/** The data source's database and the statement cache of its dialect, resolved at the first statement. */
	private volatile Database database;

	JdbcQueryListener(JdbcTelemetry telemetry, String dataSourceName) {
		this.telemetry = telemetry;
		this.dataSourceName = dataSourceName;
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		try {
			execution.addCustomValue(SPAN_KEY, start(database(execution.getStatement()), queries));
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
		}
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		end(execution.getCustomValue(SPAN_KEY, StatementExecution.class), execution.getThrowable(),
				execution.isBatch() ? execution.getBatchSize() : -1, execution.getResult());
	}

	/**
	 * Starts the span of one execution of {@code sql} on {@code statement}, for the wrappers of
	 * {@link TracingJdbcProxyFactory}: no {@link ExecutionInfo} or query list is built.
	 * @return the execution to pass to {@link #end}, or {@code null} when nothing is recorded
	 */
	StatementExecution start(Statement statement, String sql) {
		try {
			Database database = database(statement);
			return start(database.info(), database.statements(), sql);
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
			return null;
		}
	}

	/**
	 * Starts the span of the execution of a batch of texts ({@link Statement#addBatch(String)}) on
	 * {@code statement}: one span with the texts joined by {@code "; "}, its operation {@code BATCH} when
	 * they differ.
	 * @return the execution to pass to {@link #end}, or {@code null} when nothing is recorded
	 */
	StatementExecution start(Statement statement, List<String> batch) {
		try {
			return startBatch(database(statement), batch);
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
			return null;
		}
	}

	/**
	 * Ends and reports the span {@link #start} returned.
	 * @param statement the execution, or {@code null} (nothing to report)
	 * @param failure what the execution threw, or {@code null}
	 * @param batchSize the batch size, or {@code -1} when it was no batch
	 * @param result what the execution returned (update counts are reported as the rows affected)
	 */
	void end(StatementExecution statement, Throwable failure, int batchSize, Object result) {
		if (statement == null) {
			return;
		}
		try {
			LocalTrace trace = statement.localTrace();
			if (this.telemetry.isRecorded((failure != null) ? Severity.ERROR : Severity.INFO)
					&& statement.recording()) {
				statement.ended(this.telemetry.spans().clock().epochNanos(), failure, batchSize,
						(failure == null) ? rowsAffected(result) : -1);
				if (trace != null) {
					trace.offer(statement, this.telemetry.sink());
				}
				else {
					this.telemetry.sink().accept(statement);
				}
			}
			if (trace != null) {
				trace.spanEnded(failure != null, statement.durationNanos());
				if (statement.isLocalRoot()) {
					trace.end(this.telemetry.sink());
				}
			}
		}
		catch (RuntimeException ex) {
			// telemetry never breaks the application's statement
		}
	}

	SemanticConventions semconv() {
		return this.telemetry.semconv();
	}

	String dataSourceName() {
		return this.dataSourceName;
	}

	private Database database(Statement statement) {
		Database database = this.database;
		if (database == null) {
			DatabaseInfo info = resolve(statement);
			database = new Database(info, this.telemetry.cacheFor(info));
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

	private StatementExecution start(Database resolved, List<QueryInfo> queries) {
		return startBatch(resolved, new AbstractList<>() {
			@Override
			public String get(int index) {
				return queries.get(index).getQuery();
			}

			@Override
			public int size() {
				return queries.size();
			}
		});
	}

	private StatementExecution startBatch(Database resolved, List<String> batch) {
		DatabaseInfo database = resolved.info();
		SanitizedSqlCache cache = resolved.statements();
		if (batch.size() == 1) {
			return start(database, cache, batch.get(0));
		}
		// the joined texts are built up to the limit only; beyond it they are counted for the marker
		int limit = this.telemetry.maxStatementLength();
		StringBuilder text = new StringBuilder();
		long length = 0;
		String operation = null;
		boolean mixed = false;
		for (int i = 0; i < batch.size(); i++) {
			SanitizedSql sanitized = cache.get(batch.get(i));
			String part = String.valueOf(sanitized.text());
			if (i > 0) {
				append(text, "; ", limit);
				length += 2;
			}
			append(text, part, limit);
			length += part.length();
			if (operation == null) {
				operation = sanitized.operation();
			}
			else if (!operation.equals(sanitized.operation())) {
				mixed = true;
			}
		}
		// several texts at once come from Statement.addBatch
		return start(database, CutText.within(text, length, limit), mixed ? "BATCH" : operation);
	}

	private static void append(StringBuilder text, String part, int limit) {
		int room = limit - text.length();
		if (room > 0) {
			text.append(part, 0, Math.min(room, part.length()));
		}
	}

	private StatementExecution start(DatabaseInfo database, SanitizedSqlCache cache, String sql) {
		SanitizedSql sanitized = cache.get(sql);
		String text = sanitized.text();
		return start(database, (text != null) ? CutText.within(text, this.telemetry.maxStatementLength()) : null,
				sanitized.operation());
	}

	private StatementExecution start(DatabaseInfo database, String text, String operation) {
		Span parent = CurrentSpan.get();
		if (parent != null && parent.localTrace() != null && !parent.localTrace().recording()) {
			// a statement of a trace that is not written: nothing to build
			return null;
		}
		// without a local parent, the current span of another tracer of the process (Micrometer, the agent)
		RemoteContext outer = (parent != null) ? null : this.telemetry.spans().externalParent();
		return new StatementExecution(parent, outer, this.telemetry.spans().clock().epochNanos(), this, database, text,
				operation, this.telemetry.spans().sampling());
	}

	/** The rows a statement affected, {@code -1} when unknown (a query, or a driver that does not say). */
	private static long rowsAffected(Object result) {
		if (result instanceof Integer count) {
			return (count >= 0) ? count : -1;
		}
		if (result instanceof Long count) {
			return (count >= 0) ? count : -1;
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
			return known ? total : -1;
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
			return known ? total : -1;
		}
		return -1;
	}

	/** A data source's database and the statement cache of its dialect. */
	private record Database(DatabaseInfo info, SanitizedSqlCache statements) {
	}

}
