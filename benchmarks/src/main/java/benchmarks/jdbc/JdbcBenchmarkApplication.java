package benchmarks.jdbc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of {@code JdbcStatementBenchmark}: Boot's auto-configured Hikari {@code DataSource} and
 * {@code JdbcTemplate}, and nothing else. Outside {@code dev.cloudtelemetry} on purpose: it is the
 * application the starter instruments.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JdbcBenchmarkApplication {

}
