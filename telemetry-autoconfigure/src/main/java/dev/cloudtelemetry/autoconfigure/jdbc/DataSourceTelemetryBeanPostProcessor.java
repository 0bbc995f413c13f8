package dev.cloudtelemetry.autoconfigure.jdbc;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import dev.cloudtelemetry.instrument.jdbc.JdbcTelemetry;

/**
 * Wraps every {@link DataSource} bean once with a datasource-proxy wrapper that reports its statements.
 * Routing data sources are skipped (the data sources they route to are wrapped themselves), and so are
 * scoped-proxy targets, excluded bean names and data sources that are wrappers already.
 * <p>
 * As a bean it reads {@code telemetry.jdbc.excluded-data-source-bean-names} from the {@link Environment} it is
 * given ({@link EnvironmentAware}) rather than from a constructor argument: post-processors are created before
 * the bean factory caches its type lookups, and resolving an {@code Environment} argument by type there walks
 * every bean definition.
 */
public class DataSourceTelemetryBeanPostProcessor implements BeanPostProcessor, EnvironmentAware, Ordered {

	private final Supplier<JdbcTelemetry> telemetry;

	private final Set<String> excludedBeanNames;

	/**
	 * @param telemetry supplies the instrumentation lazily, when the first data source is wrapped; the
	 * excluded names come from the environment
	 */
	public DataSourceTelemetryBeanPostProcessor(Supplier<JdbcTelemetry> telemetry) {
		this(telemetry, Set.of());
	}

	/**
	 * @param telemetry supplies the instrumentation lazily, when the first data source is wrapped
	 * @param excludedBeanNames names of beans to leave alone
	 */
	public DataSourceTelemetryBeanPostProcessor(Supplier<JdbcTelemetry> telemetry, Set<String> excludedBeanNames) {
		this.telemetry = telemetry;
		this.excludedBeanNames = new HashSet<>(excludedBeanNames);
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.excludedBeanNames.addAll(Binder.get(environment)
			.bindOrCreate("telemetry.jdbc", JdbcTelemetryProperties.class)
			.getExcludedDataSourceBeanNames());
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && shouldWrap(dataSource, beanName)) {
			return this.telemetry.get().wrap(dataSource, beanName);
		}
		return bean;
	}

	private boolean shouldWrap(DataSource dataSource, String beanName) {
		return !ScopedProxyUtils.isScopedTarget(beanName) && !this.excludedBeanNames.contains(beanName)
				&& !(dataSource instanceof AbstractRoutingDataSource) && !JdbcTelemetry.isWrapped(dataSource);
	}

	@Override
	public int getOrder() {
		// after other post-processors, so that the wrapper is the outermost object
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
