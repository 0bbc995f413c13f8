package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import benchmarks.jdbc.JdbcBenchmarkApplication;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cost the starter adds to a JDBC statement: a prepared select by primary key through Boot's
 * {@link JdbcTemplate} on an H2 in-memory table, from a context with {@code telemetry.enabled=false} and
 * from one with the starter on (every {@link DataSource} wrapped with datasource-proxy, events to a
 * temporary file, overflow dropped, no metadata probe). The template is called directly, so no traced
 * application bean adds method-tracing cost. With {@code -Dbench.overflow=block} (through
 * {@code -jvmArgsAppend}) the application waits for the writer instead: every event is encoded and written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcStatementBenchmark {

	private static final String SELECT = "select name from item where id = ?";

	private static final int ROWS = 100;

	private static final String[] PLAIN_SELECTS = new String[ROWS];

	static {
		for (int id = 1; id <= ROWS; id++) {
			PLAIN_SELECTS[id - 1] = "select name from item where id = " + id;
		}
	}

	/**
	 * {@code disabled}: the starter off; {@code proxy-only}: the starter off and the data source wrapped by
	 * datasource-proxy with a listener that does nothing (the library's own share of the cost);
	 * {@code enabled}: the starter on.
	 */
	@Param({ "disabled", "proxy-only", "enabled" })
	public String telemetry;

	private Path directory;

	private Path events;

	private ConfigurableApplicationContext context;

	private JdbcTemplate jdbcTemplate;

	private int next;

	@Setup(Level.Trial)
	public void start() throws IOException {
		this.directory = Files.createTempDirectory("jdbc-bench");
		this.events = this.directory.resolve("events.jsonl");
		String overflow = System.getProperty("bench.overflow", "drop");
		this.context = new SpringApplicationBuilder(JdbcBenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.application.name=jdbc-bench", "spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa", "spring.datasource.password=",
					"telemetry.enabled=" + "enabled".equals(this.telemetry), "telemetry.output.path=" + this.events,
					"telemetry.output.overflow=" + overflow, "telemetry.metadata.enabled=false",
					"bench.jdbc.proxy-only=" + "proxy-only".equals(this.telemetry))
			.run();
		this.jdbcTemplate = this.context.getBean(JdbcTemplate.class);
		this.jdbcTemplate.execute("create table if not exists item (id int primary key, name varchar(64))");
		this.jdbcTemplate.update("delete from item");
		for (int id = 1; id <= ROWS; id++) {
			this.jdbcTemplate.update("insert into item (id, name) values (?, ?)", id, "item-" + id);
		}
		System.out.printf("%ntelemetry %s: DataSource is %s%n", this.telemetry,
				this.context.getBean(DataSource.class).getClass().getName());
	}

	@Benchmark
	public String select(ThreadCpu cpu) {
		int id = (this.next++ % ROWS) + 1;
		cpu.operations++;
		return this.jdbcTemplate.queryForObject(SELECT, String.class, id);
	}

	/**
	 * The same query as a plain statement with its literal in the text ({@code JdbcTemplate} without
	 * arguments, as scripts and migrations run): one of {@link #ROWS} texts, each sanitized once and cached.
	 */
	@Benchmark
	public String selectPlain(ThreadCpu cpu) {
		int id = (this.next++ % ROWS) + 1;
		cpu.operations++;
		return this.jdbcTemplate.queryForObject(PLAIN_SELECTS[id - 1], String.class);
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		String writer = IntegrationChecks.writerStats(this.context);
		this.context.close();
		System.out.printf("%ntelemetry %s: %s%n", this.telemetry, writer);
		System.out.printf("%ntelemetry %s: %d db_query events among the first 1000 lines written%n", this.telemetry,
				IntegrationChecks.countLines(this.events, "\"event_type\":\"db_query\""));
		Files.deleteIfExists(this.events);
		Files.deleteIfExists(this.directory);
	}

}
