package dev.cloudtelemetry.instrument.jdbc;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.Field;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLiteralRedactorTests {

	@Test
	void inAChainBuiltByHandItRedactsStatementsAndLeavesOtherValuesAlone() {
		Redactors chain = Redactors.of(List.of(new SqlLiteralRedactor()));
		assertThat(chain.redact(Field.attribute("db.statement"), "select * from users where password = 'hunter2'"))
			.isEqualTo("select * from users where password = ?");
		assertThat(chain.redact(Field.attribute("db.query.text"), "select 'hunter2'")).doesNotContain("hunter2");
		assertThat(chain.redact(Field.MESSAGE, "password = 'hunter2'")).isEqualTo("password = 'hunter2'");
	}

	@Test
	void itHandlesStatementsOnly() {
		for (Field.Kind kind : Field.Kind.values()) {
			assertThat(new SqlLiteralRedactor().handles(kind)).as(kind.name())
				.isEqualTo(kind == Field.Kind.DB_STATEMENT);
		}
	}

}
