package dev.cloudtelemetry.instrument.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.JdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;

/**
 * datasource-proxy's {@link JdbcProxyFactory} for the data sources {@link JdbcTelemetry} wraps: connections
 * are {@link TracingConnection}s, statements {@link TracingStatement}s and prepared statements
 * {@link TracingPreparedStatement}s, plain delegating classes that hand each execution to the
 * {@link JdbcQueryListener} directly. The library's own proxies pay, on every JDBC call, a reflective call, a
 * {@code MethodExecutionContext} and a stopwatch, and on every execution a copy of each parameter, an
 * {@code ExecutionInfo} with its map and the query lists: more than 2 KB per statement, none of which the
 * listener reads ({@code JdbcStatementBenchmark}); a starting application also pays for the reflection's
 * warm-up on the statements of its schema scripts. Callable statements and result sets keep the library's
 * proxies. Only for a proxy configuration whose one query listener is this factory's, with no method
 * listener and no query or parameter transformer.
 */
final class TracingJdbcProxyFactory implements JdbcProxyFactory {

	private final JdbcQueryListener listener;

	TracingJdbcProxyFactory(JdbcQueryListener listener) {
		this.listener = listener;
	}

	@Override
	public DataSource createDataSource(DataSource dataSource, ProxyConfig proxyConfig) {
		return DEFAULT.createDataSource(dataSource, proxyConfig);
	}

	@Override
	public Connection createConnection(Connection connection, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		return new TracingConnection(connection, connectionInfo, proxyConfig);
	}

	@Override
	public Statement createStatement(Statement statement, ConnectionInfo connectionInfo, Connection proxyConnection,
			ProxyConfig proxyConfig) {
		return new TracingStatement(statement, proxyConnection, proxyConfig, this.listener);
	}

	@Override
	public PreparedStatement createPreparedStatement(PreparedStatement preparedStatement, String query,
			ConnectionInfo connectionInfo, Connection proxyConnection, ProxyConfig proxyConfig, boolean generateKey) {
		return new TracingPreparedStatement(preparedStatement, query, proxyConnection, proxyConfig, this.listener);
	}

	@Override
	public CallableStatement createCallableStatement(CallableStatement callableStatement, String query,
			ConnectionInfo connectionInfo, Connection proxyConnection, ProxyConfig proxyConfig) {
		return DEFAULT.createCallableStatement(callableStatement, query, connectionInfo, proxyConnection, proxyConfig);
	}

	@Override
	public ResultSet createResultSet(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		return DEFAULT.createResultSet(resultSet, connectionInfo, proxyConfig);
	}

	@Override
	public ResultSet createGeneratedKeys(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		return DEFAULT.createGeneratedKeys(resultSet, connectionInfo, proxyConfig);
	}

}
