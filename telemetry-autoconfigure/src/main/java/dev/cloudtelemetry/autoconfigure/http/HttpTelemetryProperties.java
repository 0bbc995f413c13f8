package dev.cloudtelemetry.autoconfigure.http;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;

/**
 * Configuration of HTTP tracing, under {@code telemetry.http}.
 */
@ConfigurationProperties("telemetry.http")
public class HttpTelemetryProperties {

	/**
	 * Query parameters (and path parameters such as ';jsessionid=') whose values are replaced by REDACTED in
	 * recorded URLs, case-insensitive. A name ending with '*' matches every parameter that starts with it.
	 */
	private List<String> maskedQueryParameters = new ArrayList<>(UrlSanitizer.DEFAULT_MASKED_PARAMETERS);

	/**
	 * Request and response headers whose values are recorded as http.request.header.* and
	 * http.response.header.* attributes. None by default; Authorization, Cookie, Set-Cookie and
	 * Proxy-Authorization are masked even when listed.
	 */
	private List<String> recordedHeaders = new ArrayList<>();

	private final Client client = new Client();

	private final Server server = new Server();

	public List<String> getMaskedQueryParameters() {
		return this.maskedQueryParameters;
	}

	public void setMaskedQueryParameters(List<String> maskedQueryParameters) {
		this.maskedQueryParameters = maskedQueryParameters;
	}

	public List<String> getRecordedHeaders() {
		return this.recordedHeaders;
	}

	public void setRecordedHeaders(List<String> recordedHeaders) {
		this.recordedHeaders = recordedHeaders;
	}

	public Client getClient() {
		return this.client;
	}

	public Server getServer() {
		return this.server;
	}

	/**
	 * Outgoing calls through RestTemplate, RestClient and WebClient.
	 */
	public static class Client {

		/**
		 * Whether to trace outgoing HTTP calls and propagate the trace with traceparent.
		 */
		private boolean enabled = true;

		/**
		 * Severity of http_response events with a 4xx or 5xx status.
		 */
		private Severity errorStatusSeverity = Severity.WARN;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Severity getErrorStatusSeverity() {
			return this.errorStatusSeverity;
		}

		public void setErrorStatusSeverity(Severity errorStatusSeverity) {
			this.errorStatusSeverity = errorStatusSeverity;
		}

	}

	/**
	 * Incoming requests to Spring MVC (servlet) and WebFlux applications.
	 */
	public static class Server {

		/**
		 * Whether to trace incoming HTTP requests and continue the caller's trace from traceparent.
		 */
		private boolean enabled = true;

		/**
		 * Severity of http_response events with a 4xx or 5xx status that no exception caused. A 5xx
		 * caused by an exception is always ERROR.
		 */
		private Severity errorStatusSeverity = Severity.WARN;

		/**
		 * Request paths that are not traced, as Ant-style patterns such as "/actuator/**" or "/health": no
		 * span at all, neither for the request nor for the beans, statements and calls it leads to.
		 */
		private List<String> excludedPaths = new ArrayList<>(List.of("/actuator/**"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Severity getErrorStatusSeverity() {
			return this.errorStatusSeverity;
		}

		public void setErrorStatusSeverity(Severity errorStatusSeverity) {
			this.errorStatusSeverity = errorStatusSeverity;
		}

		public List<String> getExcludedPaths() {
			return this.excludedPaths;
		}

		public void setExcludedPaths(List<String> excludedPaths) {
			this.excludedPaths = excludedPaths;
		}

	}

}
