package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.output.OverflowPolicy;

/**
 * Configuration of the telemetry starter, under {@code telemetry}.
 */
@ConfigurationProperties("telemetry")
public class TelemetryProperties {

	/**
	 * Whether telemetry is enabled. When false, no proxy is created, nothing is written.
	 */
	private boolean enabled = true;

	/**
	 * Deployment environment written as "environment", such as dev, staging or prod. Env alias:
	 * ENVIRONMENT.
	 */
	private String environment = "dev";

	/**
	 * Lowest severity written. Events below it are not emitted at all.
	 */
	private Severity minimumSeverity = Severity.INFO;

	/**
	 * Attribute names of HTTP and database events: "legacy" (the telemetry.v2 names such as
	 * http.method), "stable" (current OpenTelemetry names such as http.request.method) or "both".
	 */
	private SemanticConventions semconv = SemanticConventions.LEGACY;

	private final Service service = new Service();

	private final Output output = new Output();

	private final Errors errors = new Errors();

	private final Methods methods = new Methods();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(String environment) {
		this.environment = environment;
	}

	public Severity getMinimumSeverity() {
		return this.minimumSeverity;
	}

	public void setMinimumSeverity(Severity minimumSeverity) {
		this.minimumSeverity = minimumSeverity;
	}

	public SemanticConventions getSemconv() {
		return this.semconv;
	}

	public void setSemconv(SemanticConventions semconv) {
		this.semconv = semconv;
	}

	public Service getService() {
		return this.service;
	}

	public Output getOutput() {
		return this.output;
	}

	public Errors getErrors() {
		return this.errors;
	}

	public Methods getMethods() {
		return this.methods;
	}

	/**
	 * The service that emits the events.
	 */
	public static class Service {

		/**
		 * Service name written as "service.name". Defaults to spring.application.name, then the main
		 * class. Env alias: SERVICE_NAME.
		 */
		private String name;

		/**
		 * Service version written as "service.version". Defaults to build-info, then git.properties, then
		 * "unknown". Env alias: SERVICE_VERSION.
		 */
		private String version;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

	}

	/**
	 * Where and how events are written.
	 */
	public static class Output {

		/**
		 * Output type. Defaults to "file" when a path is set, otherwise "stdout".
		 */
		private OutputType type;

		/**
		 * JSONL file the events are appended to; parent directories are created. Env alias: OUTPUT_PATH.
		 */
		private Path path;

		/**
		 * Number of events the queue between the application and the writer thread holds.
		 */
		private int queueCapacity = 8192;

		/**
		 * What an application thread does when the queue is full: "block" waits (lossless), "drop" drops
		 * and counts the event (never waits).
		 */
		private OverflowPolicy overflow = OverflowPolicy.BLOCK;

		/**
		 * How long shutdown waits for queued events to be written.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * How long the writer waits for cloud and Kubernetes metadata before writing the first events with
		 * local metadata only. The application itself never waits.
		 */
		private Duration metadataWait = Duration.ofSeconds(3);

		public OutputType getType() {
			return this.type;
		}

		public void setType(OutputType type) {
			this.type = type;
		}

		public Path getPath() {
			return this.path;
		}

		public void setPath(Path path) {
			this.path = path;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public OverflowPolicy getOverflow() {
			return this.overflow;
		}

		public void setOverflow(OverflowPolicy overflow) {
			this.overflow = overflow;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getMetadataWait() {
			return this.metadataWait;
		}

		public void setMetadataWait(Duration metadataWait) {
			this.metadataWait = metadataWait;
		}

		/**
		 * The effective output type.
		 * @return the type
		 */
		public OutputType resolvedType() {
			if (this.type != null) {
				return this.type;
			}
			return (this.path != null) ? OutputType.FILE : OutputType.STDOUT;
		}

	}

	/**
	 * Output type.
	 */
	public enum OutputType {

		/** Standard output of the process. */
		STDOUT,

		/** A file, see telemetry.output.path. */
		FILE

	}

	/**
	 * How errors are reported.
	 */
	public static class Errors {

		/**
		 * Whether "error.stacktrace" holds the stack trace. Env alias: COLLECT_STACKTRACE_ON_ERROR.
		 */
		private boolean stacktrace = false;

		/**
		 * Longest stack trace written, in characters; longer ones are truncated.
		 */
		private int maxStacktraceLength = 16384;

		public boolean isStacktrace() {
			return this.stacktrace;
		}

		public void setStacktrace(boolean stacktrace) {
			this.stacktrace = stacktrace;
		}

		public int getMaxStacktraceLength() {
			return this.maxStacktraceLength;
		}

		public void setMaxStacktraceLength(int maxStacktraceLength) {
			this.maxStacktraceLength = maxStacktraceLength;
		}

	}

	/**
	 * Tracing of bean methods.
	 */
	public static class Methods {

		/**
		 * Whether public methods of the application's beans are traced.
		 */
		private boolean enabled = true;

		/**
		 * Types and methods to trace, such as "com.example.orders", "com.example.**.*Service" or
		 * "com.example.OrderService#place*". Defaults to the application's packages (those of
		 * the @SpringBootApplication class).
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Types and methods never traced, same syntax as include. Wins over include and @Traced.
		 */
		private List<String> exclude = new ArrayList<>();

		/**
		 * Calls slower than this end with a WARN "function_exit". Zero disables it.
		 */
		private Duration slowThreshold = Duration.ofSeconds(1);

		/**
		 * Whether "function_entry" carries caller.file and caller.line. Costly: walks the stack on every
		 * call.
		 */
		private boolean callerLocation = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

		public Duration getSlowThreshold() {
			return this.slowThreshold;
		}

		public void setSlowThreshold(Duration slowThreshold) {
			this.slowThreshold = slowThreshold;
		}

		public boolean isCallerLocation() {
			return this.callerLocation;
		}

		public void setCallerLocation(boolean callerLocation) {
			this.callerLocation = callerLocation;
		}

	}

}
