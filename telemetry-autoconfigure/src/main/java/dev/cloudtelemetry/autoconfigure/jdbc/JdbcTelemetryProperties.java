package dev.cloudtelemetry.autoconfigure.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of JDBC statement telemetry, under {@code telemetry.jdbc}.
 */
@ConfigurationProperties("telemetry.jdbc")
public class JdbcTelemetryProperties {

	/**
	 * Whether every DataSource bean is wrapped so that each statement execution becomes a db_query event.
	 */
	private boolean enabled = true;

	/**
	 * Whether db.statement and error messages keep the statement's literals. When false, every string,
	 * number and boolean literal is replaced with "?". Literals may hold personal data: enable only where
	 * that is acceptable.
	 */
	private boolean recordLiterals = false;

	/**
	 * Names of DataSource beans that are left unwrapped.
	 */
	private List<String> excludedDataSourceBeanNames = new ArrayList<>();

	/**
	 * Number of distinct statement texts whose sanitized form is remembered.
	 */
	private int statementCacheSize = 2048;

	/**
	 * Most memory the remembered statement texts may take, counted at two bytes a character. A statement
	 * longer than a sixty-fourth of it is sanitized on every execution instead of being remembered.
	 */
	private DataSize statementCacheMaxSize = DataSize.ofMegabytes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRecordLiterals() {
		return this.recordLiterals;
	}

	public void setRecordLiterals(boolean recordLiterals) {
		this.recordLiterals = recordLiterals;
	}

	public List<String> getExcludedDataSourceBeanNames() {
		return this.excludedDataSourceBeanNames;
	}

	public void setExcludedDataSourceBeanNames(List<String> excludedDataSourceBeanNames) {
		this.excludedDataSourceBeanNames = excludedDataSourceBeanNames;
	}

	public int getStatementCacheSize() {
		return this.statementCacheSize;
	}

	public void setStatementCacheSize(int statementCacheSize) {
		this.statementCacheSize = statementCacheSize;
	}

	public DataSize getStatementCacheMaxSize() {
		return this.statementCacheMaxSize;
	}

	public void setStatementCacheMaxSize(DataSize statementCacheMaxSize) {
		this.statementCacheMaxSize = statementCacheMaxSize;
	}

}
