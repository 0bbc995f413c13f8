package dev.cloudtelemetry.autoconfigure.jdbc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryRedactors;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorRedactor;
import dev.cloudtelemetry.instrument.jdbc.SqlLiteralRedactor;

/**
 * Contributes the SQL protections: the statement redactor ({@code telemetrySqlLiteralRedactor}), which the
 * JDBC instrumentation applies to each distinct {@code db.statement} text where it is recorded, and the
 * database error redactor: the literals database errors quote are replaced wherever the error is reported,
 * whether or not JDBC tracing is on (a JPA exception travels through traced beans). Whoever asked for
 * literals in {@code db.statement} ({@code telemetry.jdbc.record-literals}) gets them in database errors
 * too. A bean of either name replaces the built-in one.
 */
@AutoConfiguration(before = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.jdbc.record-literals", havingValue = false, matchIfMissing = true)
public class JdbcRedactionAutoConfiguration {

	@Bean
	@Order(TelemetryRedactors.SQL_ERRORS)
	@ConditionalOnMissingBean(name = "telemetrySqlErrorRedactor", value = SqlErrorRedactor.class)
	SqlErrorRedactor telemetrySqlErrorRedactor() {
		return new SqlErrorRedactor();
	}

	@Bean
	@ConditionalOnMissingBean(name = "telemetrySqlLiteralRedactor")
	SqlLiteralRedactor telemetrySqlLiteralRedactor() {
		return SqlLiteralRedactor.BUILT_IN;
	}

}
