package dev.cloudtelemetry.instrument.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;

/**
 * What the wrappers of {@link TracingJdbcProxyFactory} share with datasource-proxy's own proxies: they
 * unwrap to the driver's object and answer {@link ProxyJdbcObject}.
 *
 * @param <T> the type of the wrapped object
 */
abstract class TracingJdbcObject<T extends Wrapper> implements Wrapper, ProxyJdbcObject {

	final T delegate;

	final ProxyConfig proxyConfig;

	TracingJdbcObject(T delegate, ProxyConfig proxyConfig) {
		this.delegate = delegate;
		this.proxyConfig = proxyConfig;
	}

	@Override
	public final Object getTarget() {
		return this.delegate;
	}

	@Override
	public final ProxyConfig getProxyConfig() {
		return this.proxyConfig;
	}

	@Override
	public final <W> W unwrap(Class<W> iface) throws SQLException {
		return this.delegate.unwrap(iface);
	}

	@Override
	public final boolean isWrapperFor(Class<?> iface) throws SQLException {
		return this.delegate.isWrapperFor(iface);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [" + this.delegate + "]";
	}

}
