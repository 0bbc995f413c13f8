package dev.cloudtelemetry.instrument.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;

/**
 * datasource-proxy's {@link ProxyDataSource} that hands each connection straight to the configuration's
 * {@link TracingJdbcProxyFactory}. The library's own {@code getConnection} runs the method listeners through
 * a reflective call with a {@code MethodExecutionContext} and a stopwatch, and registers a connection id
 * (a string and a set entry, under a lock): on every connection checkout, which with a pool and no
 * transaction is every statement. The configuration here has no method listener and nobody reads the ids.
 */
final class TracingDataSource extends ProxyDataSource {

	TracingDataSource(DataSource dataSource, ProxyConfig proxyConfig) {
		super(dataSource);
		setProxyConfig(proxyConfig);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return wrap(getDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return wrap(getDataSource().getConnection(username, password));
	}

	private Connection wrap(Connection connection) {
		ProxyConfig proxyConfig = getProxyConfig();
		ConnectionInfo connectionInfo = new ConnectionInfo();
		connectionInfo.setDataSourceName(proxyConfig.getDataSourceName());
		return proxyConfig.getJdbcProxyFactory().createConnection(connection, connectionInfo, proxyConfig);
	}

}
