package dev.cloudtelemetry.instrument.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.sampling.SamplingSettings;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Statements of real H2 executions under sampling: written past the method span budget, not built in a
 * trace that is dropped, written with their trace when a failed statement keeps an unsampled trace.
 */
class SampledStatementTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private static final MethodInfo REPORT = new MethodInfo("ReportService.build", "com.example.ReportService", "build",
			"", Severity.INFO, ReturnKind.SYNCHRONOUS);

	private static final MethodInfo LOAD = new MethodInfo("ReportRepository.load", "com.example.ReportRepository",
			"load", "", Severity.INFO, ReturnKind.SYNCHRONOUS);

	private final List<TelemetryEvent> submitted = new ArrayList<>();

	private MethodTracer tracer;

	private DataSource dataSource;

	private void start(SamplingSettings settings) {
		SpanFactory spans = new SpanFactory(NanoClock.system(), ExternalParent.NONE,
				new Sampling(settings, List.of(), System::nanoTime));
		this.tracer = new MethodTracer(this.submitted::add, spans, Severity.INFO, 0, false, "app.jar");
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:sampled" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		this.dataSource = new JdbcTelemetry(this.submitted::add, spans, SemanticConventions.LEGACY, Severity.INFO,
				false, 64)
			.wrap(h2, "dataSource");
	}

	private void inCall(Span parent, MethodInfo info, SqlWork work) throws SQLException {
		Span span = this.tracer.enter(info, parent);
		Span previous = CurrentSpan.set(span);
		SQLException failure = null;
		try {
			work.run(span);
		}
		catch (SQLException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			CurrentSpan.restore(previous);
			this.tracer.exit(span, failure);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private List<JsonNode> lines() {
		EventEncoder encoder = new EventEncoder(() -> RESOURCE, false, 1000);
		JsonWriter out = new JsonWriter(256);
		long sequence = 1;
		for (TelemetryEvent event : this.submitted) {
			encoder.encode(event, sequence++, out);
		}
		return TelemetrySchema.validateLines(out.toString());
	}

	@Test
	void pastTheMethodSpanBudgetStatementsAreStillWritten() throws SQLException {
		start(new SamplingSettings(1.0, true, 0, 1000, 16L << 20, 0, true, 1));
		Span[] load = new Span[1];
		inCall(null, REPORT, (report) -> inCall(report, LOAD, (repository) -> {
			load[0] = repository;
			execute("select 1");
		}));
		List<JsonNode> lines = lines();
		assertThat(lines).extracting((line) -> line.get("event_type").asString())
			.containsExactly("function_entry", "db_query", "function_exit");
		assertThat(lines.get(1).get("parent_span_id").asString()).isEqualTo(load[0].spanIdHex());
		assertThat(lines.get(2).get("attributes").get("telemetry.spans_suppressed").asInt()).isEqualTo(1);
	}

	@Test
	void aTraceThatIsDroppedBuildsNoStatementEvent() throws SQLException {
		start(new SamplingSettings(0.0, false, 0, 1000, 16L << 20, 0, true, 1000));
		inCall(null, REPORT, (report) -> execute("select 1"));
		assertThat(this.submitted).isEmpty();
	}

	@Test
	void aFailedStatementKeepsItsUnsampledTraceWhole() throws SQLException {
		start(new SamplingSettings(0.0, true, 0, 1000, 16L << 20, 0, true, 1000));
		inCall(null, REPORT, (report) -> execute("select 1"));
		assertThat(this.submitted).isEmpty();
		inCall(null, REPORT, (report) -> {
			execute("select 1");
			try {
				execute("select * from missing_table");
			}
			catch (SQLException ex) {
				// handled by the application: the statement's failure alone keeps the trace
			}
		});
		List<JsonNode> lines = lines();
		assertThat(lines).extracting((line) -> line.get("event_type").asString() + " " + line.get("severity").asString())
			.containsExactly("function_entry INFO", "db_query INFO", "db_query ERROR", "function_exit INFO");
		assertThat(lines).extracting((line) -> line.get("trace_id").asString()).containsOnly(
				lines.get(0).get("trace_id").asString());
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> inCall(null, REPORT, (report) -> execute("select * from missing_table")));
	}

	@FunctionalInterface
	private interface SqlWork {

		void run(Span span) throws SQLException;

	}

}
