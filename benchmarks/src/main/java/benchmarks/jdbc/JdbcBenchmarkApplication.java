package benchmarks.jdbc;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * The application of {@code JdbcStatementBenchmark}: Boot's auto-configured Hikari {@code DataSource} and
 * {@code JdbcTemplate}, and nothing else. Outside {@code dev.cloudtelemetry} on purpose: it is the
 * application the starter instruments. With {@code bench.jdbc.proxy-only=true} (and the starter off) the
 * data source is wrapped by datasource-proxy with a listener that does nothing: the library's own cost.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JdbcBenchmarkApplication {

	@Bean
	@ConditionalOnBooleanProperty("bench.jdbc.proxy-only")
	static BeanPostProcessor proxyOnlyDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource) {
					return ProxyDataSourceBuilder.create(beanName, dataSource)
						.listener(QueryExecutionListener.DEFAULT)
						.build();
				}
				return bean;
			}
		};
	}

}
