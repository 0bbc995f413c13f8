package dev.cloudtelemetry.instrument.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseInfoTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			jdbc:postgresql://db.internal:5432/shop?ssl=true | postgresql | postgresql            | shop
			jdbc:postgresql://localhost/                     | postgresql | postgresql            | catalog
			jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1             | h2         | h2database            | orders
			jdbc:h2:file:/var/data/inventory                 | h2         | h2database            | inventory
			jdbc:mysql://db:3306/app                         | mysql      | mysql                 | app
			jdbc:mariadb://db/app                            | mariadb    | mariadb               | app
			jdbc:oracle:thin:@db:1521/ORCLPDB                | oracle     | oracle.db             | ORCLPDB
			jdbc:oracle:thin:@db:1521:XE                     | oracle     | oracle.db             | XE
			jdbc:sqlserver://db:1433;databaseName=sales      | sqlserver  | microsoft.sql_server  | sales
			jdbc:hsqldb:mem:testdb                           | hsqldb     | hsqldb                | testdb
			jdbc:aws-wrapper:mysql://db:3306/app             | mysql      | mysql                 | app
			jdbc:otel:mysql://db:3306/app                    | mysql      | mysql                 | app
			jdbc:p6spy:mariadb://db/app                      | mariadb    | mariadb               | app
			jdbc:tc:postgresql:15:///shop                    | postgresql | postgresql            | catalog
			jdbc:otel:aws-wrapper:postgresql://db/shop       | postgresql | postgresql            | shop
			jdbc-secretsmanager:mysql://db:3306/app          | mysql      | mysql                 | app
			jdbc:unknowndb://x/y                             | unknowndb  | unknowndb             | y
			not-a-url                                        | other_sql  | other_sql             | catalog
			""")
	void resolvesSystemAndNameFromTheUrl(String url, String system, String stableSystem, String name) {
		DatabaseInfo info = DatabaseInfo.fromUrl(url, "catalog");
		assertThat(info.system()).isEqualTo(system);
		assertThat(info.stableSystem()).isEqualTo(stableSystem);
		assertThat(info.name()).isEqualTo(name);
	}

}
