package dev.cloudtelemetry.autoconfigure.jdbc;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.instrument.jdbc.JdbcTelemetry;
import dev.cloudtelemetry.instrument.jdbc.SqlLiteralRedactor;
import dev.cloudtelemetry.redact.TelemetryRedactor;

/**
 * Reports JDBC statements: every {@code DataSource} bean is wrapped with datasource-proxy.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@ConditionalOnBooleanProperty(name = "telemetry.jdbc.enabled", matchIfMissing = true)
// datasource-proxy travels inside the starter's jar (relocated), so it is not a condition: the annotation
// processor's metadata would name it unrelocated
@ConditionalOnClass(name = { "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource",
		"javax.sql.DataSource" })
@EnableConfigurationProperties(JdbcTelemetryProperties.class)
public class JdbcTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(JdbcTelemetry.class)
	JdbcTelemetry telemetryJdbc(EventSink eventSink, SpanFactory spanFactory, TelemetryProperties telemetry,
			JdbcTelemetryProperties jdbc,
			@Qualifier("telemetrySqlLiteralRedactor") ObjectProvider<TelemetryRedactor> telemetrySqlLiteralRedactor) {
		// the statement redactor is the bean of that name; without one, literals stay only if asked for
		@Nullable TelemetryRedactor statements = telemetrySqlLiteralRedactor.getIfAvailable();
		if (statements == null && !jdbc.isRecordLiterals()) {
			statements = SqlLiteralRedactor.BUILT_IN;
		}
		return new JdbcTelemetry(eventSink, spanFactory, telemetry.getSemconv(), telemetry.getMinimumSeverity(),
				statements, jdbc.getStatementCacheSize(), jdbc.getStatementCacheMaxSize().toBytes(),
				telemetry.getLimits().getStatement());
	}

	/**
	 * Created before ordinary beans: it binds the excluded names from the environment it is given and resolves
	 * the instrumentation (and with it the writer) only when the first data source is wrapped.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(DataSourceTelemetryBeanPostProcessor.class)
	static DataSourceTelemetryBeanPostProcessor telemetryDataSourceBeanPostProcessor(
			ObjectProvider<JdbcTelemetry> telemetry) {
		return new DataSourceTelemetryBeanPostProcessor(SingletonSupplier.of(telemetry::getObject));
	}

}
