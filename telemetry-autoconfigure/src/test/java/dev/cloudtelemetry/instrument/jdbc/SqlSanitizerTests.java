package dev.cloudtelemetry.instrument.jdbc;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlSanitizerTests {

	static Stream<Arguments> standardCorpus() {
		return Stream.of(
				arguments("SELECT * FROM users WHERE id = 1", "SELECT * FROM users WHERE id = ?", "SELECT"),
				arguments("select name from users where email='bob@example.com'",
						"select name from users where email=?", "SELECT"),
				arguments("SELECT 'it''s secret' FROM dual", "SELECT ? FROM dual", "SELECT"),
				arguments("INSERT INTO t (a, b, c) VALUES ('x', 42, -3.5e10)", "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
						"INSERT"),
				arguments("UPDATE t SET price = 12.50, ratio = .5, big = 1E-7 WHERE id = $1",
						"UPDATE t SET price = ?, ratio = ?, big = ? WHERE id = $1", "UPDATE"),
				arguments("DELETE FROM t WHERE a - 5 > b AND c = -5", "DELETE FROM t WHERE a - ? > b AND c = ?",
						"DELETE"),
				arguments("SELECT \"Quoted \"\"Name\"\"\", col1 FROM \"My Table\"",
						"SELECT \"Quoted \"\"Name\"\"\", col1 FROM \"My Table\"", "SELECT"),
				arguments("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)", "SELECT"),
				arguments("SELECT * FROM t WHERE id in(?,?,?) AND x NOT IN ('a', 'b')",
						"SELECT * FROM t WHERE id in(?) AND x NOT IN (?)", "SELECT"),
				arguments("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 7)",
						"SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)", "SELECT"),
				arguments("SELECT 0xFF, X'DEADBEEF', x'00', B'1010' FROM t", "SELECT ?, ?, ?, ? FROM t", "SELECT"),
				arguments("SELECT * FROM t WHERE flag = TRUE OR other = false AND z IS NULL",
						"SELECT * FROM t WHERE flag = ? OR other = ? AND z IS NULL", "SELECT"),
				arguments("-- leading 'secret' comment\nSELECT a /* inline 'secret' 42 */ FROM t -- trailing 'secret'",
						"SELECT a FROM t", "SELECT"),
				arguments("SELECT /* outer /* nested 'secret' */ still 'secret' */ 1", "SELECT ?", "SELECT"),
				arguments("SELECT $$it's a secret$$, $tag$secret $$ inside$tag$ FROM t", "SELECT ?, ? FROM t", "SELECT"),
				arguments("SELECT E'secret\\'s value', e'\\\\' FROM t", "SELECT ?, ? FROM t", "SELECT"),
				arguments("SELECT N'unicode secret', U&'d\\0061t\\+000061' FROM t", "SELECT ?, ? FROM t", "SELECT"),
				arguments("INSERT INTO a VALUES (1); UPDATE b SET c = 'secret'; DELETE FROM d",
						"INSERT INTO a VALUES (?); UPDATE b SET c = ?; DELETE FROM d", "INSERT"),
				arguments("WITH recent AS (SELECT * FROM o WHERE d > '2024-01-01') SELECT count(*) FROM recent",
						"WITH recent AS (SELECT * FROM o WHERE d > ?) SELECT count(*) FROM recent", "SELECT"),
				arguments("SELECT col1, t2.col_3, x$y FROM t2 WHERE a = :name AND b = ?",
						"SELECT col1, t2.col_3, x$y FROM t2 WHERE a = :name AND b = ?", "SELECT"),
				arguments("SELECT '2024-01-01'::date, 5::int", "SELECT ?::date, ?::int", "SELECT"),
				arguments("  select\n\t*\r\n  from   t  ", "select * from t", "SELECT"),
				arguments("SELECT 'C:\\' , 'secret'", "SELECT ? , ?", "SELECT"),
				arguments("SELECT 'unterminated secret", "SELECT ?", "SELECT"),
				arguments("SELECT $$unterminated secret", "SELECT ?", "SELECT"),
				arguments("SELECT a /* unterminated 'secret'", "SELECT a", "SELECT"),
				arguments("SELECT \"unterminated secret", "SELECT ?", "SELECT"),
				arguments("call proc(12)", "call proc(?)", "CALL"), arguments("", "", null),
				arguments("/* only a comment */", "", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("standardCorpus")
	void standardDialectReplacesLiterals(String sql, String sanitized, String operation) {
		SanitizedSql result = SqlSanitizer.STANDARD.sanitize(sql);
		assertThat(result.text()).isEqualTo(sanitized);
		assertThat(result.operation()).isEqualTo(operation);
		assertThat(result.text()).doesNotContainIgnoringCase("secret");
	}

	static Stream<Arguments> mysqlCorpus() {
		return Stream.of(arguments("SELECT * FROM t WHERE name = 'it\\'s secret'", "SELECT * FROM t WHERE name = ?"),
				arguments("SELECT * FROM `order` WHERE note = \"double secret\"",
						"SELECT * FROM `order` WHERE note = ?"),
				arguments("SELECT 1 # comment with 'secret'\nFROM t", "SELECT ? FROM t"),
				arguments("SELECT 'a\\\\', 'secret'", "SELECT ?, ?"),
				arguments("INSERT INTO t VALUES ('unterminated \\' secret)", "INSERT INTO t VALUES (?"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mysqlCorpus")
	void mysqlDialectHandlesBackslashesAndDoubleQuotedStrings(String sql, String sanitized) {
		assertThat(SqlSanitizer.MYSQL.sanitize(sql).text()).isEqualTo(sanitized).doesNotContain("secret");
	}

	@ParameterizedTest
	@ValueSource(strings = { "'", "\"", "$", "$$", "$a", "-", "--", "/*", "*/", "0x", "1e", "1e+", ".", "E'", "X'",
			"IN (", ")", "((", "U&", ":", "::", "'\\", "\\", "IN (?, ?", "$1$", "$tag$x$ta", "\u00e9t\u00e9 = 'x'" })
	void fragmentsNeverThrow(String sql) {
		for (SqlSanitizer sanitizer : new SqlSanitizer[] { SqlSanitizer.STANDARD, SqlSanitizer.MYSQL,
				SqlSanitizer.MESSAGE }) {
			assertThat(sanitizer.sanitize(sql)).isNotNull();
		}
	}

	@Test
	void errorMessagesKeepTheFirstLineWithoutLiterals() {
		String h2 = "Syntax error in SQL statement \"INSERT INTO t VALUES ('top secret' [*]\"; expected \"(\";"
				+ " SQL statement:\nINSERT INTO t VALUES ('top secret' [42001-232]";
		assertThat(SqlErrorMessages.sanitize(h2)).doesNotContain("secret")
			.startsWith("Syntax error in SQL statement \"INSERT INTO t VALUES (? [*]\"");
		String postgres = "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n"
				+ "  Detail: Key (email)=(secret@example.com) already exists.";
		assertThat(SqlErrorMessages.sanitize(postgres))
			.isEqualTo("ERROR: duplicate key value violates unique constraint \"users_email_key\"");
		assertThat(SqlErrorMessages.sanitize("Duplicate entry 'secret' for key 'PRIMARY'"))
			.isEqualTo("Duplicate entry ? for key ?");
		assertThat(SqlErrorMessages.sanitize(null)).isNull();
	}

	@Test
	void valuesInDoubleQuotesOfErrorMessagesAreReplacedButObjectNamesKept() {
		assertThat(SqlErrorMessages.sanitize("ERROR: invalid input syntax for type integer: \"alice@example.com\""))
			.isEqualTo("ERROR: invalid input syntax for type integer: ?");
		assertThat(SqlErrorMessages.sanitize("ERROR: invalid input value for enum mood: \"secret\""))
			.isEqualTo("ERROR: invalid input value for enum mood: ?");
		assertThat(SqlErrorMessages.sanitize("Data conversion error converting \"secret value\"; SQL statement:"))
			.doesNotContain("secret");
		assertThat(SqlErrorMessages.sanitize(
				"ERROR: null value in column \"email\" of relation \"users\" violates not-null constraint"))
			.isEqualTo("ERROR: null value in column \"email\" of relation \"users\" violates not-null constraint");
		assertThat(SqlErrorMessages.sanitize("Column \"EMIAL\" not found; SQL statement:"))
			.startsWith("Column \"EMIAL\" not found");
		assertThat(SqlErrorMessages.sanitize("unterminated \"secret")).doesNotContain("secret");
	}

	@Test
	void oracleAlternativeQuotingIsALiteral() {
		assertThat(SqlSanitizer.STANDARD.sanitize("SELECT * FROM t WHERE a = q'[it's secret]' AND b = nq'{x'y secret}'")
			.text()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
		assertThat(SqlSanitizer.STANDARD.sanitize("UPDATE t SET a = Q'!secret!' WHERE id = 1").text())
			.isEqualTo("UPDATE t SET a = ? WHERE id = ?");
		assertThat(SqlSanitizer.STANDARD.sanitize("SELECT q'(unterminated secret").text()).doesNotContain("secret");
	}

	@Test
	void anUnterminatedQuotedIdentifierHidesWhatFollows() {
		assertThat(SqlSanitizer.STANDARD.sanitize("SELECT \"name FROM t WHERE pw = secret").text())
			.doesNotContain("secret");
		assertThat(SqlSanitizer.MYSQL.sanitize("SELECT `name FROM t WHERE pw = secret").text()).doesNotContain("secret");
	}

	@Test
	void mysqlBehindAWrapperUrlGetsTheMysqlDialect() {
		DatabaseInfo info = DatabaseInfo.fromUrl("jdbc:aws-wrapper:mysql://db/app", null);
		assertThat(info.system()).isEqualTo("mysql");
	}

	@Test
	void cacheIsBoundedAndReturnsTheSameResult() {
		SanitizedSqlCache cache = new SanitizedSqlCache(SqlSanitizer.STANDARD, 3);
		SanitizedSql first = cache.get("SELECT 1");
		assertThat(cache.get("SELECT 1")).isSameAs(first);
		for (int i = 0; i < 10; i++) {
			cache.get("SELECT " + i + " FROM t" + i);
			assertThat(cache.size()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void cacheIsBoundedInBytes() {
		SanitizedSqlCache cache = new SanitizedSqlCache(SqlSanitizer.STANDARD, 10_000, 64 * 1024);
		for (int i = 0; i < 2000; i++) {
			cache.get("SELECT name, email, created_at FROM customers WHERE id = " + i + " AND region = 'eu-west-1'");
			assertThat(cache.bytes()).isLessThanOrEqualTo(64 * 1024);
		}
		assertThat(cache.size()).isPositive();
	}

	/**
	 * Statements with their literals inline are a new text each time: a flood of them must not push out the
	 * statements the application runs all the time (with a cache that starts again empty when full, the hot
	 * statement was sanitized again after every 100 one-off texts).
	 */
	@Test
	void aFloodOfOneOffStatementsDoesNotEvictAStatementInSteadyUse() {
		SanitizedSqlCache cache = new SanitizedSqlCache(SqlSanitizer.STANDARD, 100, 1024 * 1024);
		SanitizedSql hot = cache.get("SELECT * FROM owners WHERE id = ?");
		for (int i = 0; i < 10_000; i++) {
			cache.get("SELECT * FROM visits WHERE pet_id = " + i);
			if (i % 10 == 0) {
				assertThat(cache.get("SELECT * FROM owners WHERE id = ?")).as("after %d one-off texts", i).isSameAs(hot);
			}
			assertThat(cache.size()).isLessThanOrEqualTo(100);
		}
	}

	@Test
	void hugeStatementIsSanitizedButNotKept() {
		SanitizedSqlCache cache = new SanitizedSqlCache(SqlSanitizer.STANDARD, 10_000, 64 * 1024);
		String huge = "INSERT INTO t VALUES ('secret')" + ", ('secret')".repeat(2000);
		SanitizedSql sanitized = cache.get(huge);
		assertThat(sanitized.text()).isEqualTo("INSERT INTO t VALUES (?)" + ", (?)".repeat(2000));
		assertThat(cache.size()).isZero();
		assertThat(cache.bytes()).isZero();
		assertThat(cache.get(huge).text()).isEqualTo(sanitized.text());
	}

}
