package sample.shop;

import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Plain JDBC next to the JPA repository; it inlines literals on purpose, to prove they never reach
 * the telemetry.
 */
@Service
public class OrderReports {

	private final JdbcTemplate jdbc;

	public OrderReports(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public long countWithInlineLiteral(String item) {
		return this.jdbc.queryForObject("select count(*) from purchase_order where item = '" + item.replace("'", "''")
				+ "' and quantity > 0", Long.class);
	}

	/** Runs a statement that fails, with a literal in it; the failure is the caller's to expect. */
	public boolean failingStatement(String item) {
		try {
			this.jdbc.queryForList("select * from no_such_table where item = '" + item + "'");
			return true;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

	/** Lets the exception, whose message quotes the statement, leave the traced method. */
	public void failingStatementUnhandled(String item) {
		this.jdbc.queryForList("select * from no_such_table where item = '" + item + "'");
	}

	public int[] insertAll(List<String> items) {
		return this.jdbc.batchUpdate(
				"insert into purchase_order (id, item, quantity, total_cents) values (?, ?, 1, 100)",
				items.stream().map((item) -> new Object[] { 1000 + items.indexOf(item), item }).toList());
	}

}
