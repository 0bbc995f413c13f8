package sample.tracing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Logs one line (whose MDC the tests read), runs one statement, and calls {@code /echo} of this
 * application, returning the {@code traceparent} values the echo endpoint received.
 */
@Service
public class GreetingService {

	private static final Log logger = LogFactory.getLog(GreetingService.class);

	private final RestClient restClient;

	private final JdbcTemplate jdbcTemplate;

	private final Environment environment;

	public GreetingService(RestClient.Builder builder, JdbcTemplate jdbcTemplate, Environment environment) {
		this.restClient = builder.build();
		this.jdbcTemplate = jdbcTemplate;
		this.environment = environment;
	}

	public String greet(String name) {
		logger.info("greeting " + name);
		Integer one = this.jdbcTemplate.queryForObject("SELECT 1", Integer.class);
		String port = this.environment.getProperty("local.server.port");
		String received = this.restClient.get()
			.uri("http://127.0.0.1:" + port + "/echo")
			.retrieve()
			.body(String.class);
		return (one == 1) ? received : "";
	}

	public int work() {
		return this.jdbcTemplate.queryForObject("SELECT 2", Integer.class);
	}

}
