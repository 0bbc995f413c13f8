package dev.cloudtelemetry.autoconfigure.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.shop.OrderController;
import sample.shop.OrderReports;
import sample.shop.ShopApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample shop against a real PostgreSQL server (embedded binaries, on a local port).
 */
class PostgresJdbcTelemetryIntegrationTests {

	static final String SECRET = "PG-SECRET-5150";

	static EmbeddedPostgres postgres;

	@TempDir
	Path tempDir;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void statementsOnPostgresqlAreReportedWithoutLiterals() throws IOException {
		Path output = this.tempDir.resolve("telemetry.jsonl");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.NONE)
			.properties("telemetry.output.path=" + output, "spring.application.name=shop",
					"spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username=postgres", "spring.jpa.hibernate.ddl-auto=create-drop",
					"telemetry.semconv=both")
			.run()) {
			context.getBean(OrderController.class).create(SECRET, 2);
			OrderReports reports = context.getBean(OrderReports.class);
			assertThat(reports.countWithInlineLiteral(SECRET)).isEqualTo(1);
			assertThat(reports.failingStatement(SECRET)).isFalse();
			reports.insertAll(List.of(SECRET + "1", SECRET + "2"));
		}
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		assertThat(Files.readString(output)).doesNotContain(SECRET);
		List<JsonNode> queries = JdbcTelemetryIntegrationTests.queries(events);
		assertThat(queries).allSatisfy((query) -> {
			assertThat(query.get("attributes").get("db.system").asString()).isEqualTo("postgresql");
			assertThat(query.get("attributes").get("db.system.name").asString()).isEqualTo("postgresql");
			assertThat(query.get("attributes").get("db.name").asString()).isEqualTo("postgres");
		});
		JsonNode count = JdbcTelemetryIntegrationTests
			.childrenOf(events, JdbcTelemetryIntegrationTests.entry(events, "OrderReports.countWithInlineLiteral"))
			.get(0);
		assertThat(count.get("attributes").get("db.query.text").asString())
			.isEqualTo("select count(*) from purchase_order where item = ? and quantity > ?");
		JsonNode failure = JdbcTelemetryIntegrationTests
			.childrenOf(events, JdbcTelemetryIntegrationTests.entry(events, "OrderReports.failingStatement"))
			.get(0);
		assertThat(failure.get("severity").asString()).isEqualTo("ERROR");
		assertThat(failure.get("error").get("type").asString()).isEqualTo("org.postgresql.util.PSQLException");
		assertThat(failure.get("error").get("message").asString()).contains("no_such_table");
		JsonNode batch = JdbcTelemetryIntegrationTests
			.childrenOf(events, JdbcTelemetryIntegrationTests.entry(events, "OrderReports.insertAll"))
			.get(0);
		assertThat(batch.get("attributes").get("db.batch.size").asInt()).isEqualTo(2);
		assertThat(batch.get("attributes").get("db.operation.batch.size").asInt()).isEqualTo(2);
	}

}
