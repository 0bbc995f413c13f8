package dev.cloudtelemetry.instrument.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import net.ttddyy.dsproxy.proxy.ProxyConfig;
import org.jspecify.annotations.Nullable;

/**
 * A plain statement of a {@link TracingConnection} (scripts, {@code JdbcTemplate} calls without arguments,
 * migrations): every execution is one span with the text it ran (see {@link TracingStatementSupport}); a
 * batch of texts ({@link #addBatch(String)}) is one span with every text of the batch.
 */
final class TracingStatement extends TracingStatementSupport<Statement> {

	/** The texts added since the last execution of a batch, {@code null} until the first. */
	private @Nullable List<String> batch;

	TracingStatement(Statement delegate, Connection connection, ProxyConfig proxyConfig, JdbcQueryListener listener) {
		super(delegate, connection, proxyConfig, listener);
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		this.delegate.addBatch(sql);
		if (this.batch == null) {
			this.batch = new ArrayList<>();
		}
		this.batch.add(sql);
	}

	@Override
	public void clearBatch() throws SQLException {
		this.delegate.clearBatch();
		this.batch = null;
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return traced(takeBatch(), Statement::executeBatch);
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		return traced(takeBatch(), Statement::executeLargeBatch);
	}

	private List<String> takeBatch() {
		List<String> batch = (this.batch != null) ? this.batch : List.of();
		this.batch = null;
		return batch;
	}

}
