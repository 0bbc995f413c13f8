package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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

	private final Limits limits = new Limits();

	private final Redaction redaction = new Redaction();

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

	public Limits getLimits() {
		return this.limits;
	}

	public Redaction getRedaction() {
		return this.redaction;
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
		 * Output type: "file", "stdout" or "none" (only other exporters, such as telemetry.export.otlp, get
		 * the events). Defaults to "file" when a path is set, otherwise "stdout".
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
		 * What an application thread does when the queue is full: "block" waits (lossless while the writer
		 * moves; see stall-timeout for a writer whose output hangs), "drop" drops and counts the event (never
		 * waits).
		 */
		private OverflowPolicy overflow = OverflowPolicy.BLOCK;

		/**
		 * How long shutdown waits for queued events to be written, in all: events emitted after shutdown
		 * began wait at most what is left of it.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * With overflow "block": how long application threads wait for room while the writer's output does not
		 * return (a disk or network file system that stopped answering, an exporter that blocks). Past it they
		 * stop waiting, and events that find the queue full are dropped and counted until the writer takes
		 * events again.
		 */
		private Duration stallTimeout = Duration.ofSeconds(1);

		/**
		 * Whether the events of a request, job or function invocation (a local root span) are written before
		 * it returns, so that a platform that freezes the process as soon as it returns does not hold them
		 * back or lose them. Unset: on when running on AWS Lambda (AWS_LAMBDA_FUNCTION_NAME set), off
		 * otherwise.
		 */
		private Boolean flushPerRequest;

		/**
		 * How long the writer waits for cloud and Kubernetes metadata before writing the first events with
		 * local metadata only. The application itself never waits.
		 */
		private Duration metadataWait = Duration.ofSeconds(3);

		/**
		 * Encoded events kept, per exporter, while an output cannot be written (disk full, file system
		 * gone) and retried every second; older ones are counted as failed beyond it.
		 */
		private DataSize retryBuffer = DataSize.ofMegabytes(4);

		/**
		 * Durability of the file: "none" leaves writing to the disk to the operating system, "batch" forces
		 * each batch to the disk before the next one (survives a power loss, costs a disk flush per batch).
		 */
		private SyncMode sync = SyncMode.NONE;

		private final Rotation rotation = new Rotation();

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

		public Duration getStallTimeout() {
			return this.stallTimeout;
		}

		public void setStallTimeout(Duration stallTimeout) {
			this.stallTimeout = stallTimeout;
		}

		public Boolean getFlushPerRequest() {
			return this.flushPerRequest;
		}

		public void setFlushPerRequest(Boolean flushPerRequest) {
			this.flushPerRequest = flushPerRequest;
		}

		public Duration getMetadataWait() {
			return this.metadataWait;
		}

		public void setMetadataWait(Duration metadataWait) {
			this.metadataWait = metadataWait;
		}

		public DataSize getRetryBuffer() {
			return this.retryBuffer;
		}

		public void setRetryBuffer(DataSize retryBuffer) {
			this.retryBuffer = retryBuffer;
		}

		public SyncMode getSync() {
			return this.sync;
		}

		public void setSync(SyncMode sync) {
			this.sync = sync;
		}

		public Rotation getRotation() {
			return this.rotation;
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
	 * Rotation and retention of the output file.
	 */
	public static class Rotation {

		/**
		 * Whether the output file is rotated. Rotated files sit beside the active one, named
		 * "telemetry-20261130-124246-123.jsonl" (UTC) so that their names sort by age.
		 */
		private boolean enabled = true;

		/**
		 * Size at which the active file is renamed and a new one started (checked before each batch is written, so
		 * a file passes it by at most one batch, about 256 KB).
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(100);

		/**
		 * Rotated files kept; older ones are deleted.
		 */
		private int maxHistory = 10;

		/**
		 * Space the active and the rotated files may take together; the oldest rotated files are deleted
		 * beyond it.
		 */
		private DataSize maxTotalSize = DataSize.ofGigabytes(1);

		/**
		 * Age at which the active file is rotated even when it is small, such as 1h or 1d. Unset rotates by
		 * size only.
		 */
		private Duration interval;

		/**
		 * Whether rotated files are compressed with gzip (".gz" added to their names).
		 */
		private boolean compress = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public int getMaxHistory() {
			return this.maxHistory;
		}

		public void setMaxHistory(int maxHistory) {
			this.maxHistory = maxHistory;
		}

		public DataSize getMaxTotalSize() {
			return this.maxTotalSize;
		}

		public void setMaxTotalSize(DataSize maxTotalSize) {
			this.maxTotalSize = maxTotalSize;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public boolean isCompress() {
			return this.compress;
		}

		public void setCompress(boolean compress) {
			this.compress = compress;
		}

	}

	/**
	 * When the output file is forced to the disk.
	 */
	public enum SyncMode {

		/** Never: the operating system writes it out (fast; a power loss may lose the last seconds). */
		NONE,

		/** After each batch (a crash of the machine loses at most the batch being written). */
		BATCH

	}

	/**
	 * Output type.
	 */
	public enum OutputType {

		/** Standard output of the process. */
		STDOUT,

		/** A file, see telemetry.output.path. */
		FILE,

		/** No JSONL output: only other exporters (telemetry.export.otlp) receive the events. */
		NONE

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
	 * Longest texts written, in characters. A longer text is cut and ends with "...[truncated N chars]", so
	 * that one event's size and the memory it takes stay bounded. The stack trace's limit is
	 * telemetry.errors.max-stacktrace-length.
	 */
	public static class Limits {

		/**
		 * Longest "message".
		 */
		private int message = 8192;

		/**
		 * Longest string attribute value.
		 */
		private int attributeValue = 4096;

		/**
		 * Longest SQL statement ("db.statement", "db.query.text"), a batch's statements included, at
		 * least 64. A longer one is cut on the statement's thread as it is built and its marker counts
		 * within the limit.
		 */
		private int statement = 16384;

		/**
		 * Longest "error.message".
		 */
		private int errorMessage = 8192;

		/**
		 * Longest captured argument or return value ("function.arguments.*", "function.return_value").
		 */
		private int maxArgumentLength = 256;

		public int getMaxArgumentLength() {
			return this.maxArgumentLength;
		}

		public void setMaxArgumentLength(int maxArgumentLength) {
			this.maxArgumentLength = maxArgumentLength;
		}

		public int getMessage() {
			return this.message;
		}

		public void setMessage(int message) {
			this.message = message;
		}

		public int getAttributeValue() {
			return this.attributeValue;
		}

		public void setAttributeValue(int attributeValue) {
			this.attributeValue = attributeValue;
		}

		public int getStatement() {
			return this.statement;
		}

		public void setStatement(int statement) {
			this.statement = statement;
		}

		public int getErrorMessage() {
			return this.errorMessage;
		}

		public void setErrorMessage(int errorMessage) {
			this.errorMessage = errorMessage;
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

		/**
		 * Maximum number of method spans written per trace in this process. Past it, method spans of that
		 * trace are not written (HTTP and database spans still are), and the exit of the trace's first span
		 * here carries telemetry.spans_suppressed with the count.
		 */
		private int maxSpansPerTrace = 1000;

		/**
		 * Whether "function_entry" carries the values of scalar, String, enum, UUID and java.time
		 * arguments as "function.arguments.<name>", redacted and cut to
		 * telemetry.limits.max-argument-length; other types are written as their type name and
		 * parameters annotated @Redacted as "REDACTED". @Traced(captureArguments = true) turns it on
		 * for one method or class.
		 */
		private boolean captureArguments = false;

		/**
		 * Whether "function_exit" carries the return value as "function.return_value", on the same rules
		 * as captured arguments. @Traced(captureReturnValue = true) turns it on for one method or class.
		 */
		private boolean captureReturnValue = false;

		public boolean isCaptureArguments() {
			return this.captureArguments;
		}

		public void setCaptureArguments(boolean captureArguments) {
			this.captureArguments = captureArguments;
		}

		public boolean isCaptureReturnValue() {
			return this.captureReturnValue;
		}

		public void setCaptureReturnValue(boolean captureReturnValue) {
			this.captureReturnValue = captureReturnValue;
		}

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

		public int getMaxSpansPerTrace() {
			return this.maxSpansPerTrace;
		}

		public void setMaxSpansPerTrace(int maxSpansPerTrace) {
			this.maxSpansPerTrace = maxSpansPerTrace;
		}

	}

	/**
	 * Redaction of secrets from everything written. The application's TelemetryRedactor beans run after
	 * the built-in ones.
	 */
	public static class Redaction {

		/**
		 * Whether secrets of well-known shapes (JWTs, Bearer and Basic credentials, AWS keys, GitHub,
		 * GitLab and Slack tokens, private keys, password=/secret=/token= pairs, card numbers) are masked
		 * in every value written.
		 */
		private boolean secretPatterns = true;

		/**
		 * Whether e-mail addresses are masked too.
		 */
		private boolean emails = false;

		public boolean isSecretPatterns() {
			return this.secretPatterns;
		}

		public void setSecretPatterns(boolean secretPatterns) {
			this.secretPatterns = secretPatterns;
		}

		public boolean isEmails() {
			return this.emails;
		}

		public void setEmails(boolean emails) {
			this.emails = emails;
		}

	}

}
