package dev.cloudtelemetry.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.cloudtelemetry.instrument.jdbc.SanitizedSql;
import dev.cloudtelemetry.instrument.jdbc.SanitizedSqlCache;
import dev.cloudtelemetry.instrument.jdbc.SqlSanitizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SqlSanitizer} on three representative statements: what the first execution of a statement text
 * pays ({@code sanitize}, the lexer every time) and what every later one pays ({@code cached}, a lookup in
 * the {@link SanitizedSqlCache} the JDBC instrumentation keeps, with the default size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SqlSanitizerBenchmark {

	@Param({ "short-select", "insert-10-literals", "statement-2kb" })
	public String statement;

	private String sql;

	private SanitizedSqlCache cache;

	@Setup(Level.Trial)
	public void prepare() {
		this.sql = switch (this.statement) {
			case "short-select" -> "select name from item where id = 42";
			case "insert-10-literals" -> "insert into orders (id, sku, customer_email, quantity, price_cents, "
					+ "currency, status, note, created_at, priority) values (1001, 'SKU-12345', "
					+ "'jane.doe@example.com', 3, 1999, 'EUR', 'NEW', 'leave at the door', "
					+ "'2026-11-21 06:00:00', 2)";
			case "statement-2kb" -> longStatement();
			default -> throw new IllegalArgumentException(this.statement);
		};
		// telemetry.jdbc.statement-cache-size defaults to 2048
		this.cache = new SanitizedSqlCache(SqlSanitizer.STANDARD, 2048);
		this.cache.get(this.sql);
	}

	@Benchmark
	public SanitizedSql sanitize() {
		return SqlSanitizer.STANDARD.sanitize(this.sql);
	}

	@Benchmark
	public SanitizedSql cached() {
		return this.cache.get(this.sql);
	}

	/**
	 * A report query of about 2 KB: many columns, joins, string and number literals, an IN list.
	 */
	static String longStatement() {
		StringBuilder sql = new StringBuilder("select o.id, o.status, o.created_at, c.name, c.email");
		for (int i = 0; sql.length() < 900; i++) {
			sql.append(", sum(case when l.kind = 'kind_").append(i).append("' then l.amount * ").append(i + 1)
				.append(" else 0 end) as total_").append(i);
		}
		sql.append(" from orders o join customer c on c.id = o.customer_id")
			.append(" join order_line l on l.order_id = o.id where o.created_at >= '2026-01-01 00:00:00'")
			.append(" and c.email not like '%@example.org' and o.status in (");
		for (int i = 0; sql.length() < 1900; i++) {
			sql.append((i > 0) ? ", " : "").append('\'').append("STATUS_").append(i).append('\'');
		}
		sql.append(") group by o.id, o.status, o.created_at, c.name, c.email order by o.created_at desc limit 100");
		return sql.toString();
	}

}
