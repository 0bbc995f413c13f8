package dev.cloudtelemetry.instrument.jdbc;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import net.ttddyy.dsproxy.proxy.ProxyConfig;

import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Wraps data sources so that every statement execution becomes one {@code db_query} event. Holds the
 * settings and the sanitized-statement caches that all wrapped data sources share.
 */
public final class JdbcTelemetry {

	private final EventSink sink;

	private final SpanFactory spans;

	private final SemanticConventions semconv;

	private final Severity minimumSeverity;

	private final SanitizedSqlCache standard;

	private final SanitizedSqlCache mysql;

	private final int maxStatementLength;

	/**
	 * @param sink receives the events
	 * @param spans creates the statement spans
	 * @param semconv which attribute names to write
	 * @param minimumSeverity the lowest severity written
	 * @param recordLiterals whether {@code db.statement} keeps the literals (off by default: they are
	 * replaced with {@code ?})
	 * @param cacheSize how many distinct statements the sanitizer remembers
	 */
	public JdbcTelemetry(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimumSeverity,
			boolean recordLiterals, int cacheSize) {
		this(sink, spans, semconv, minimumSeverity, recordLiterals, cacheSize, Long.MAX_VALUE);
	}

	/**
	 * @param sink receives the events
	 * @param spans creates the statement spans
	 * @param semconv which attribute names to write
	 * @param minimumSeverity the lowest severity written
	 * @param recordLiterals whether {@code db.statement} keeps the literals (off by default: they are
	 * replaced with {@code ?})
	 * @param cacheSize how many distinct statements the sanitizer remembers
	 * @param cacheBytes how many bytes of statement text each sanitizer cache may hold
	 */
	public JdbcTelemetry(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimumSeverity,
			boolean recordLiterals, int cacheSize, long cacheBytes) {
		this(sink, spans, semconv, minimumSeverity, recordLiterals ? null : SqlLiteralRedactor.BUILT_IN, cacheSize,
				cacheBytes);
	}

	/**
	 * @param sink receives the events
	 * @param spans creates the statement spans
	 * @param semconv which attribute names to write
	 * @param minimumSeverity the lowest severity written
	 * @param statements the redactor applied to each distinct statement text where it is recorded (the
	 * {@code telemetrySqlLiteralRedactor} bean), or {@code null} to record {@code db.statement} with its literals
	 * @param cacheSize how many distinct statements the sanitizer remembers
	 * @param cacheBytes how many bytes of statement text each sanitizer cache may hold
	 */
	public JdbcTelemetry(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimumSeverity,
			@Nullable TelemetryRedactor statements, int cacheSize, long cacheBytes) {
		this(sink, spans, semconv, minimumSeverity, statements, cacheSize, cacheBytes, Integer.MAX_VALUE);
	}

	/**
	 * @param sink receives the events
	 * @param spans creates the statement spans
	 * @param semconv which attribute names to write
	 * @param minimumSeverity the lowest severity written
	 * @param statements the redactor applied to each distinct statement text where it is recorded (the
	 * {@code telemetrySqlLiteralRedactor} bean), or {@code null} to record {@code db.statement} with its literals
	 * @param cacheSize how many distinct statements the sanitizer remembers
	 * @param cacheBytes how many bytes of statement text each sanitizer cache may hold
	 * @param maxStatementLength the longest statement text an event holds ({@code telemetry.limits.statement}):
	 * a longer one, a batch's joined texts included, is cut on the statement's thread as it is built, so a
	 * queued event holds no more than its line will show
	 */
	public JdbcTelemetry(EventSink sink, SpanFactory spans, SemanticConventions semconv, Severity minimumSeverity,
			@Nullable TelemetryRedactor statements, int cacheSize, long cacheBytes, int maxStatementLength) {
		this.maxStatementLength = maxStatementLength;
		this.sink = sink;
		this.spans = spans;
		this.semconv = semconv;
		this.minimumSeverity = minimumSeverity;
		this.standard = new SanitizedSqlCache(SqlSanitizer.STANDARD, statements, cacheSize, cacheBytes);
		this.mysql = new SanitizedSqlCache(SqlSanitizer.MYSQL, statements, cacheSize, cacheBytes);
	}

	/**
	 * Wraps {@code dataSource}; the wrapper unwraps to it ({@link DataSource#unwrap}).
	 * @param dataSource the data source
	 * @param name its name, such as the bean name
	 * @return the wrapper, or {@code dataSource} itself when it is this starter's wrapper already (an
	 * application's own datasource-proxy wrapper is wrapped like any data source: the starter's copy of the library
	 * is relocated and never meets the application's)
	 */
	public DataSource wrap(DataSource dataSource, String name) {
		if (isWrapped(dataSource)) {
			return dataSource;
		}
		JdbcQueryListener listener = listener(name);
		return new TracingDataSource(dataSource, ProxyConfig.Builder.create()
			.dataSourceName(name)
			.queryListener(listener)
			.jdbcProxyFactory(new TracingJdbcProxyFactory(listener))
			.build());
	}

	private JdbcQueryListener listener(String dataSourceName) {
		return new JdbcQueryListener(this, dataSourceName);
	}

	/** Whether {@code dataSource} is this starter's wrapper already. */
	public static boolean isWrapped(DataSource dataSource) {
		return dataSource instanceof TracingDataSource;
	}

	EventSink sink() {
		return this.sink;
	}

	SpanFactory spans() {
		return this.spans;
	}

	SemanticConventions semconv() {
		return this.semconv;
	}

	int maxStatementLength() {
		return this.maxStatementLength;
	}

	boolean isRecorded(Severity severity) {
		return severity.isAtLeast(this.minimumSeverity);
	}

	SanitizedSqlCache cacheFor(DatabaseInfo database) {
		return switch (database.system()) {
			case "mysql", "mariadb" -> this.mysql;
			default -> this.standard;
		};
	}

}
