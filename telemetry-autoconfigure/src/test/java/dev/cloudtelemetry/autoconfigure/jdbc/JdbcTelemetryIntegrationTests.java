package dev.cloudtelemetry.autoconfigure.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.shop.OrderController;
import sample.shop.OrderReports;
import sample.shop.ShopApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the sample shop on H2 (Spring Data JPA and {@code JdbcTemplate}) and checks its
 * {@code db_query} events; every line is validated against the schema.
 */
class JdbcTelemetryIntegrationTests {

	static final String SECRET = "TOP-SECRET-7741";

	@TempDir
	Path tempDir;

	private Path output;

	List<JsonNode> run(Consumer<ConfigurableApplicationContext> scenario, String... properties) {
		this.output = this.tempDir.resolve("telemetry.jsonl");
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + this.output,
				"spring.datasource.url=jdbc:h2:mem:shop" + System.nanoTime(), "spring.application.name=shop"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()) {
			scenario.accept(context);
		}
		return TelemetrySchema.readValidated(this.output);
	}

	String rawOutput() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<JsonNode> queries(List<JsonNode> events) {
		return events.stream().filter((e) -> e.get("event_type").asString().equals("db_query")).toList();
	}

	static JsonNode entry(List<JsonNode> events, String functionName) {
		List<JsonNode> entries = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("function_entry")
					&& e.get("function_name").asString().equals(functionName))
			.toList();
		assertThat(entries).as(functionName).hasSize(1);
		return entries.get(0);
	}

	static List<JsonNode> childrenOf(List<JsonNode> events, JsonNode parent) {
		return queries(events).stream()
			.filter((e) -> e.get("parent_span_id").asString("").equals(parent.get("span_id").asString()))
			.toList();
	}

	@Test
	void jpaStatementsAreChildrenOfTheCallingBeansSpans() {
		List<JsonNode> events = run((context) -> context.getBean(OrderController.class).create(SECRET, 2));
		JsonNode controller = entry(events, "OrderController.create");
		// the schema is created at start-up, outside any trace; the order's statements are in its trace
		List<JsonNode> queries = queries(events).stream()
			.filter((q) -> q.get("trace_id").equals(controller.get("trace_id")))
			.toList();
		assertThat(queries).isNotEmpty().allSatisfy((query) -> {
			assertThat(query.get("parent_span_id").isNull()).isFalse();
			assertThat(query.get("attributes").get("db.system").asString()).isEqualTo("h2");
			assertThat(query.get("attributes").get("span.kind").asString()).isEqualTo("client");
			assertThat(query.get("duration_ns").isIntegralNumber()).isTrue();
		});
		JsonNode insert = queries.stream()
			.filter((q) -> q.get("attributes").get("db.operation").asString().equals("INSERT"))
			.findFirst()
			.orElseThrow();
		assertThat(insert.get("attributes").get("db.statement").asString()).startsWith("insert into purchase_order");
		assertThat(insert.get("attributes").get("db.rows_affected").asLong()).isEqualTo(1);
		List<String> functionSpans = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("function_entry"))
			.map((e) -> e.get("span_id").asString())
			.toList();
		assertThat(functionSpans).contains(insert.get("parent_span_id").asString());
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void jdbcTemplateStatementIsSanitizedAndChildOfTheBeanSpan() {
		List<JsonNode> events = run((context) -> assertThat(
				context.getBean(OrderReports.class).countWithInlineLiteral(SECRET)).isZero());
		JsonNode caller = entry(events, "OrderReports.countWithInlineLiteral");
		List<JsonNode> children = childrenOf(events, caller);
		assertThat(children).hasSize(1);
		JsonNode query = children.get(0);
		assertThat(query.get("trace_id")).isEqualTo(caller.get("trace_id"));
		assertThat(query.get("severity").asString()).isEqualTo("INFO");
		assertThat(query.get("function_name").asString()).startsWith("SELECT shop");
		JsonNode attributes = query.get("attributes");
		assertThat(attributes.get("db.statement").asString())
			.isEqualTo("select count(*) from purchase_order where item = ? and quantity > ?");
		assertThat(attributes.get("db.operation").asString()).isEqualTo("SELECT");
		assertThat(attributes.get("db.name").asString()).startsWith("shop");
		assertThat(attributes.has("db.query.text")).isFalse();
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void aStatementRedactorBeanReplacesTheBuiltInOneAndRunsOncePerDistinctStatement() {
		MarkingStatementRedactor.seen.clear();
		List<JsonNode> events = run((context) -> {
			for (int i = 0; i < 5; i++) {
				context.getBean(OrderReports.class).countWithInlineLiteral(SECRET);
			}
		}, "spring.main.sources=" + MarkingStatementRedactorConfiguration.class.getName());
		List<String> statements = childrenOf(events, events.stream()
			.filter((e) -> e.get("function_name").asString().equals("OrderReports.countWithInlineLiteral"))
			.findFirst()
			.orElseThrow()).stream().map((query) -> query.get("attributes").get("db.statement").asString()).toList();
		// the application's redactor decides what db.statement keeps: here the other literal stays
		assertThat(statements).containsExactly(
				"select count(*) from purchase_order where item = '[item]' and quantity > 0");
		long runs = MarkingStatementRedactor.seen.stream().filter((text) -> text.contains(SECRET)).count();
		List<JsonNode> counts = queries(events).stream()
			.filter((q) -> q.get("attributes").get("db.statement").asString().contains("'[item]'"))
			.toList();
		// five executions, one redaction: the statement cache holds the redactor's result
		assertThat(counts).hasSize(5);
		assertThat(runs).isEqualTo(1);
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Configuration(proxyBeanMethods = false)
	static class MarkingStatementRedactorConfiguration {

		@Bean
		TelemetryRedactor telemetrySqlLiteralRedactor() {
			return new MarkingStatementRedactor();
		}

	}

	static class MarkingStatementRedactor implements TelemetryRedactor {

		static final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public String redact(Field field, String value) {
			seen.add(value);
			return value.replace("'" + SECRET + "'", "'[item]'");
		}

	}

	@Test
	void failingStatementIsAnErrorWithoutLiterals() {
		List<JsonNode> events = run(
				(context) -> assertThat(context.getBean(OrderReports.class).failingStatement(SECRET)).isFalse(),
				"telemetry.errors.stacktrace=true");
		JsonNode query = childrenOf(events, entry(events, "OrderReports.failingStatement")).get(0);
		assertThat(query.get("severity").asString()).isEqualTo("ERROR");
		assertThat(query.get("error").get("type").asString()).isEqualTo("org.h2.jdbc.JdbcSQLSyntaxErrorException");
		assertThat(query.get("error").get("message").asString()).contains("NO_SUCH_TABLE");
		assertThat(query.get("error").get("stacktrace").asString())
			.startsWith("org.h2.jdbc.JdbcSQLSyntaxErrorException: ");
		assertThat(query.get("attributes").get("db.statement").asString())
			.isEqualTo("select * from no_such_table where item = ?");
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void aDatabaseErrorLeavingABeanMethodIsWrittenWithoutLiterals() {
		List<JsonNode> events = run((context) -> assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> context.getBean(OrderReports.class).failingStatementUnhandled(SECRET)),
				"telemetry.errors.stacktrace=true");
		JsonNode exit = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("function_exit")
					&& e.get("function_name").asString().equals("OrderReports.failingStatementUnhandled"))
			.findFirst()
			.orElseThrow();
		assertThat(exit.get("severity").asString()).isEqualTo("ERROR");
		assertThat(exit.get("error").get("type").asString()).isEqualTo(BadSqlGrammarException.class.getName());
		assertThat(exit.get("error").get("message").asString()).contains("no_such_table");
		assertThat(exit.get("error").get("stacktrace").asString()).contains("OrderReports.failingStatementUnhandled");
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void batchReportsItsSizeAndRows() {
		List<JsonNode> events = run((context) -> context.getBean(OrderReports.class)
			.insertAll(List.of(SECRET + "a", SECRET + "b", SECRET + "c")));
		JsonNode query = childrenOf(events, entry(events, "OrderReports.insertAll")).get(0);
		assertThat(query.get("attributes").get("db.batch.size").asInt()).isEqualTo(3);
		assertThat(query.get("attributes").get("db.rows_affected").asInt()).isEqualTo(3);
		assertThat(query.get("attributes").get("db.operation").asString()).isEqualTo("INSERT");
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void batchOfDifferentStatementsIsOneEvent() {
		List<JsonNode> events = run((context) -> context.getBean(JdbcTemplate.class)
			.batchUpdate("insert into purchase_order (id, item, quantity, total_cents) values (77, '" + SECRET
					+ "', 1, 100)", "update purchase_order set item = '" + SECRET + "' where id = 77"));
		List<JsonNode> batches = queries(events).stream()
			.filter((q) -> q.get("attributes").get("db.operation").asString().equals("BATCH"))
			.toList();
		assertThat(batches).hasSize(1);
		JsonNode attributes = batches.get(0).get("attributes");
		assertThat(attributes.get("db.statement").asString()).isEqualTo(
				"insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?); "
						+ "update purchase_order set item = ? where id = ?");
		assertThat(attributes.get("db.batch.size").asInt()).isEqualTo(2);
		assertThat(attributes.get("db.rows_affected").asInt()).isEqualTo(2);
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void statementWithoutCurrentSpanStartsATrace() {
		List<JsonNode> events = run((context) -> context.getBean(JdbcTemplate.class).execute("select 1"));
		List<JsonNode> queries = queries(events).stream()
			.filter((q) -> q.get("attributes").get("db.statement").asString().equals("select ?"))
			.toList();
		assertThat(queries).hasSize(1);
		assertThat(queries.get(0).get("parent_span_id").isNull()).isTrue();
		assertThat(queries.get(0).get("function_name").asString()).startsWith("SELECT shop");
	}

	@Test
	void dataSourceIsWrappedOnceAndUnwrapsToThePool() {
		run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(ProxyDataSource.class);
			try {
				assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
				assertThat(dataSource.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
				assertThat(((ProxyDataSource) dataSource).getDataSource()).isInstanceOf(HikariDataSource.class);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void everyKindOfStatementOfAWrappedConnectionIsOneEvent() {
		String insert = "insert into purchase_order (id, item, quantity, total_cents) values (?, ?, 1, 100)";
		List<JsonNode> events = run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
				try (PreparedStatement statement = connection.prepareStatement(insert)) {
					assertThat(statement.getConnection()).isSameAs(connection);
					statement.setLong(1, 901);
					statement.setString(2, SECRET);
					assertThat(statement.executeUpdate()).isEqualTo(1);
					statement.setLong(1, 902);
					assertThat(statement.execute()).isFalse();
					statement.setLong(1, 901);
					assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate);
					for (long id = 903; id <= 905; id++) {
						statement.setLong(1, id);
						statement.addBatch();
					}
					assertThat(statement.executeBatch()).containsExactly(1, 1, 1);
				}
				try (PreparedStatement statement = connection
					.prepareStatement("select item from purchase_order where id = ?")) {
					statement.setLong(1, 901);
					try (ResultSet rows = statement.executeQuery()) {
						assertThat(rows.next()).isTrue();
						assertThat(rows.getStatement()).isNotNull();
					}
				}
				try (CallableStatement statement = connection.prepareCall("call abs(?)")) {
					statement.setInt(1, -42);
					assertThat(statement.execute()).isTrue();
					assertThat(statement.getConnection()).isSameAs(connection);
				}
				try (Statement statement = connection.createStatement()) {
					assertThat(statement.getConnection()).isSameAs(connection);
					assertThat(statement.executeUpdate("delete from purchase_order where item = '" + SECRET + "'"))
						.isEqualTo(5);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<JsonNode> statements = queries(events).stream()
			.filter((q) -> q.get("attributes").get("db.statement").asString().matches("(insert|select|call|delete) .*"))
			.toList();
		assertThat(statements).extracting((q) -> q.get("attributes").get("db.statement").asString())
			.containsExactly("insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)",
					"insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)",
					"insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)",
					"insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)",
					"select item from purchase_order where id = ?", "call abs(?)",
					"delete from purchase_order where item = ?");
		assertThat(statements).extracting((q) -> q.get("severity").asString())
			.containsExactly("INFO", "INFO", "ERROR", "INFO", "INFO", "INFO", "INFO");
		assertThat(statements).extracting((q) -> q.get("attributes").path("db.rows_affected").asInt(-1))
			.containsExactly(1, -1, -1, 3, -1, -1, 5);
		assertThat(statements).extracting((q) -> q.get("attributes").path("db.batch.size").asInt(-1))
			.containsExactly(-1, -1, -1, 3, -1, -1, -1);
		assertThat(statements).allSatisfy((q) -> assertThat(q.get("parent_span_id").isNull()).isTrue());
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	@Test
	void everyExecutionOfAPlainStatementIsOneEventWithTheTextItRan() {
		String insert = "insert into purchase_order (id, item, quantity, total_cents) values (%d, '" + SECRET
				+ "', 1, 100)";
		List<JsonNode> events = run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				assertThat(statement).isInstanceOf(ProxyJdbcObject.class);
				assertThat(statement.isWrapperFor(JdbcStatement.class)).isTrue();
				assertThat(statement.unwrap(JdbcStatement.class)).isInstanceOf(JdbcStatement.class);
				assertThat(statement.getConnection()).isSameAs(connection);
				assertThat(statement.executeUpdate(insert.formatted(911), Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
				assertThat(statement.execute("select item from purchase_order where id = 911")).isTrue();
				try (ResultSet rows = statement.getResultSet()) {
					assertThat(rows.next()).isTrue();
				}
				try (ResultSet rows = statement.executeQuery("select count(*) from purchase_order where id > 910")) {
					assertThat(rows.next()).isTrue();
				}
				assertThat(statement.executeLargeUpdate("update purchase_order set quantity = 2 where id = 911"))
					.isEqualTo(1);
				statement.addBatch("delete from purchase_order where id = 911");
				statement.clearBatch();
				statement.addBatch(insert.formatted(912));
				statement.addBatch(insert.formatted(913));
				assertThat(statement.executeBatch()).containsExactly(1, 1);
				statement.addBatch("delete from purchase_order where id = 912");
				assertThat(statement.executeLargeBatch()).containsExactly(1L);
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("select '" + SECRET + "' from no_such_table"));
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<JsonNode> statements = queries(events).stream()
			.filter((q) -> q.get("attributes").get("db.statement").asString().matches("(insert|select|update|delete) .*"))
			.toList();
		String sanitizedInsert = "insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)";
		assertThat(statements).extracting((q) -> q.get("attributes").get("db.statement").asString())
			.containsExactly(sanitizedInsert, "select item from purchase_order where id = ?",
					"select count(*) from purchase_order where id > ?", "update purchase_order set quantity = ? where id = ?",
					sanitizedInsert + "; " + sanitizedInsert, "delete from purchase_order where id = ?",
					"select ? from no_such_table");
		assertThat(statements).extracting((q) -> q.get("attributes").get("db.operation").asString())
			.containsExactly("INSERT", "SELECT", "SELECT", "UPDATE", "INSERT", "DELETE", "SELECT");
		assertThat(statements).extracting((q) -> q.get("severity").asString())
			.containsExactly("INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "ERROR");
		assertThat(statements).extracting((q) -> q.get("attributes").path("db.rows_affected").asInt(-1))
			.containsExactly(1, -1, -1, 1, 2, 1, -1);
		assertThat(statements).extracting((q) -> q.get("attributes").path("db.batch.size").asInt(-1))
			.containsExactly(-1, -1, -1, -1, 2, 1, -1);
		assertThat(rawOutput()).doesNotContain(SECRET);
	}

	/**
	 * A batch of texts is joined on the statement's thread and a statement may be megabytes long (a
	 * generated {@code IN} list): both are cut where they are built, so an event waiting in the writer's
	 * queue holds no more than its line shows, and the marker counts exactly what was cut.
	 */
	@Test
	void longStatementsAndBatchesAreCutAsTheyAreBuiltTheMarkerCountingWhatWasCut() {
		String insert = "insert into purchase_order (id, item, quantity, total_cents) values (%d, 'x', 1, 100)";
		String sanitizedInsert = "insert into purchase_order (id, item, quantity, total_cents) values (?, ?, ?, ?)";
		// an IN list is recorded as "in (?)"; a chain of conditions is not shortened
		StringBuilder orChain = new StringBuilder("select count(*) from purchase_order where id = 0");
		StringBuilder sanitizedOrChain = new StringBuilder("select count(*) from purchase_order where id = ?");
		for (int i = 1; i < 2_000; i++) {
			orChain.append(" or id = ").append(100_000 + i);
			sanitizedOrChain.append(" or id = ?");
		}
		List<JsonNode> events = run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				for (int i = 0; i < 50; i++) {
					statement.addBatch(insert.formatted(2_000 + i));
				}
				assertThat(statement.executeBatch()).hasSize(50);
				try (ResultSet rows = statement.executeQuery(orChain.toString())) {
					assertThat(rows.next()).isTrue();
				}
				try (PreparedStatement prepared = connection.prepareStatement(orChain.toString())) {
					prepared.executeQuery().close();
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, "telemetry.limits.statement=200");
		List<String> texts = queries(events).stream()
			.map((q) -> q.get("attributes").get("db.statement").asString())
			.filter((text) -> text.startsWith("insert into purchase_order") || text.contains(" or id = "))
			.toList();
		assertThat(texts).hasSize(3);
		String batch = String.join("; ", Collections.nCopies(50, sanitizedInsert));
		assertCut(texts.get(0), batch, 200);
		assertCut(texts.get(1), sanitizedOrChain.toString(), 200);
		assertCut(texts.get(2), sanitizedOrChain.toString(), 200);
	}

	private static void assertCut(String written, String whole, int limit) {
		assertThat(written).hasSizeLessThanOrEqualTo(limit).hasSizeGreaterThan(limit - 40);
		Matcher marker = Pattern.compile("\\.\\.\\.\\[truncated (\\d+) chars\\]$")
			.matcher(written);
		assertThat(marker.find()).as(written).isTrue();
		String kept = written.substring(0, marker.start());
		assertThat(whole).startsWith(kept);
		assertThat(kept.length() + Long.parseLong(marker.group(1))).isEqualTo(whole.length());
	}

	@Test
	void stableSemanticConventionsUseTheNewNames() {
		List<JsonNode> events = run((context) -> context.getBean(OrderReports.class).countWithInlineLiteral(SECRET),
				"telemetry.semconv=stable");
		JsonNode attributes = childrenOf(events, entry(events, "OrderReports.countWithInlineLiteral")).get(0)
			.get("attributes");
		assertThat(attributes.get("db.system.name").asString()).isEqualTo("h2database");
		assertThat(attributes.get("db.query.text").asString()).contains("item = ?");
		assertThat(attributes.get("db.operation.name").asString()).isEqualTo("SELECT");
		assertThat(attributes.get("db.namespace").asString()).startsWith("shop");
		assertThat(attributes.has("db.statement")).isFalse();
		assertThat(attributes.has("db.system")).isFalse();
	}

	@Test
	void literalsAreRecordedOnlyWhenAskedFor() {
		List<JsonNode> events = run((context) -> context.getBean(OrderReports.class).countWithInlineLiteral(SECRET),
				"telemetry.jdbc.record-literals=true", "telemetry.semconv=both");
		JsonNode attributes = childrenOf(events, entry(events, "OrderReports.countWithInlineLiteral")).get(0)
			.get("attributes");
		assertThat(attributes.get("db.statement").asString()).contains("'" + SECRET + "'");
		assertThat(attributes.get("db.query.text").asString()).contains("'" + SECRET + "'");
	}

	@Test
	void recordedLiteralsAppearInDatabaseErrorsToo() {
		List<JsonNode> events = run(
				(context) -> assertThat(context.getBean(OrderReports.class).failingStatement(SECRET)).isFalse(),
				"telemetry.jdbc.record-literals=true");
		JsonNode query = childrenOf(events, entry(events, "OrderReports.failingStatement")).get(0);
		assertThat(query.get("error").get("message").asString()).contains(SECRET);
	}

	@Test
	void disabledJdbcTelemetryLeavesTheDataSourceAlone() {
		List<JsonNode> events = run((context) -> {
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
			context.getBean(OrderReports.class).countWithInlineLiteral(SECRET);
		}, "telemetry.jdbc.enabled=false");
		assertThat(queries(events)).isEmpty();
	}

}
