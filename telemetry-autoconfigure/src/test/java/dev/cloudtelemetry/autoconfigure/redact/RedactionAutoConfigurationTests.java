package dev.cloudtelemetry.autoconfigure.redact;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.http.HttpRedactionAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.jdbc.JdbcRedactionAutoConfiguration;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorRedactor;
import dev.cloudtelemetry.instrument.jdbc.SqlLiteralRedactor;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class,
				HttpRedactionAutoConfiguration.class, JdbcRedactionAutoConfiguration.class))
		.withPropertyValues("telemetry.output.type=stdout");

	@Test
	void theFeaturesContributeTheBuiltInRedactorsWhichRunFirstInTheirOrder() {
		this.contextRunner.withUserConfiguration(UserRedactor.class).run((context) -> {
			assertThat(context).hasSingleBean(SqlErrorRedactor.class)
				.hasSingleBean(SqlLiteralRedactor.class)
				.hasSingleBean(UrlRedactor.class)
				.hasSingleBean(SecretPatternRedactor.class);
			Redactors redactors = context.getBean(Redactors.class);
			SQLException error = new SQLException("Duplicate key ('ada@example.com') at https://u:p@db/x, token=abc123");
			// each redactor sees what the previous one returned: the user's one runs last
			assertThat(redactors.redact(Field.errorMessage(error), error.getMessage()))
				.isEqualTo("<Duplicate key (?) at https://db/x, token=******>");
			// the URL redactor takes the comma as part of the URL
			assertThat(redactors.redact(Field.MESSAGE, "see https://u:p@example.com/x?token=abc123, password=hunter22"))
				.isEqualTo("<see https://example.com/x?token=REDACTED password=******>");
			// statements are redacted where the JDBC instrumentation records them, once per distinct text
			assertThat(redactors.redact(Field.attribute("db.statement"), "select 1 from t where id = 7"))
				.isEqualTo("<select 1 from t where id = 7>");
		});
	}

	@Test
	void aBeanOfTheSameNameReplacesABuiltInRedactor() {
		this.contextRunner.withBean("telemetryUrlRedactor", TelemetryRedactor.class, () -> (field, value) -> value)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(UrlRedactor.class);
				assertThat(context.getBean(Redactors.class).redact(Field.MESSAGE, "see https://ada:pw@example.com/x"))
					.isEqualTo("see https://ada:pw@example.com/x");
			});
	}

	@Test
	void secretPatternsCanBeTurnedOffAndEmailsOn() {
		this.contextRunner.withPropertyValues("telemetry.redaction.secret-patterns=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SecretPatternRedactor.class));
		this.contextRunner.withPropertyValues("telemetry.redaction.emails=true")
			.run((context) -> assertThat(context.getBean(Redactors.class).redact(Field.MESSAGE, "mail ada@example.com"))
				.isEqualTo("mail ******"));
	}

	@Test
	void recordingLiteralsKeepsThemInDatabaseErrorsToo() {
		this.contextRunner.withPropertyValues("telemetry.jdbc.record-literals=true")
			.run((context) -> assertThat(context).doesNotHaveBean(SqlErrorRedactor.class)
				.doesNotHaveBean(SqlLiteralRedactor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRedactor {

		@Bean
		TelemetryRedactor angleBrackets() {
			return (field, value) -> "<" + value + ">";
		}

	}

}
