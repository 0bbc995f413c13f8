package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Files;
import java.util.List;

import dev.cloudtelemetry.autoconfigure.TelemetryProperties.OutputType;
import dev.cloudtelemetry.core.encode.CutText;
import dev.cloudtelemetry.instrument.method.MethodSelector;

/**
 * Checks {@link TelemetryProperties} at start-up so that bad configuration fails fast, naming the property.
 */
public final class TelemetryPropertiesValidator {

	private TelemetryPropertiesValidator() {
	}

	static void validate(TelemetryProperties properties) {
		TelemetryProperties.Output output = properties.getOutput();
		if (output.getQueueCapacity() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.queue-capacity",
					output.getQueueCapacity(), "the queue must hold at least 1 event");
		}
		if (output.getType() == OutputType.FILE && output.getPath() == null) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.path", null,
					"telemetry.output.type is 'file' but no path is set (env alias OUTPUT_PATH)");
		}
		if (output.resolvedType() == OutputType.FILE && Files.isDirectory(output.getPath())) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.path", output.getPath(),
					"it is a directory; name a file such as " + output.getPath().resolve("telemetry.jsonl"));
		}
		if (output.getShutdownTimeout().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.shutdown-timeout",
					output.getShutdownTimeout(), "must not be negative");
		}
		if (output.getStallTimeout().toMillis() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.stall-timeout",
					output.getStallTimeout(), "must be at least 1ms");
		}
		if (output.getMetadataWait().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.metadata-wait",
					output.getMetadataWait(), "must not be negative");
		}
		validateOutputFile(output);
		TelemetryProperties.Limits limits = properties.getLimits();
		atLeast("telemetry.limits.message", limits.getMessage(), 16);
		atLeast("telemetry.limits.attribute-value", limits.getAttributeValue(), 16);
		// statements are cut as they are built, the marker within the limit (CutText)
		atLeast("telemetry.limits.statement", limits.getStatement(), CutText.MIN_LIMIT);
		atLeast("telemetry.limits.error-message", limits.getErrorMessage(), 16);
		atLeast("telemetry.limits.max-argument-length", limits.getMaxArgumentLength(), 16);
		if (properties.getErrors().getMaxStacktraceLength() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.errors.max-stacktrace-length",
					properties.getErrors().getMaxStacktraceLength(), "must be at least 1");
		}
		if (properties.getMethods().getSlowThreshold().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.methods.slow-threshold",
					properties.getMethods().getSlowThreshold(), "must not be negative (0 disables it)");
		}
		atLeast("telemetry.methods.max-spans-per-trace", properties.getMethods().getMaxSpansPerTrace(), 1);
		validatePatterns("telemetry.methods.include", properties.getMethods().getInclude());
		validatePatterns("telemetry.methods.exclude", properties.getMethods().getExclude());
	}

	private static void atLeast(String property, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidTelemetryConfigurationException(property, value, "must be at least " + minimum);
		}
	}

	private static void validateOutputFile(TelemetryProperties.Output output) {
		if (output.getRetryBuffer().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.retry-buffer",
					output.getRetryBuffer(), "must not be negative (0 keeps nothing while the output fails)");
		}
		TelemetryProperties.Rotation rotation = output.getRotation();
		if (rotation.getMaxFileSize().toBytes() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.rotation.max-file-size",
					rotation.getMaxFileSize(), "must be at least 1B; set telemetry.output.rotation.enabled=false "
							+ "to keep one file");
		}
		if (rotation.getMaxHistory() < 0) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.rotation.max-history",
					rotation.getMaxHistory(), "must not be negative");
		}
		if (rotation.getMaxTotalSize().isNegative()) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.rotation.max-total-size",
					rotation.getMaxTotalSize(), "must not be negative");
		}
		if (rotation.getInterval() != null
				&& (rotation.getInterval().isNegative() || rotation.getInterval().isZero())) {
			throw new InvalidTelemetryConfigurationException("telemetry.output.rotation.interval",
					rotation.getInterval(), "must be positive, such as 1h or 1d; leave it unset to rotate by size");
		}
	}

	/**
	 * Checks include or exclude patterns.
	 * @param property the property name, for the error
	 * @param patterns the patterns
	 */
	public static void validatePatterns(String property, List<String> patterns) {
		for (int i = 0; i < patterns.size(); i++) {
			try {
				MethodSelector.validate(patterns.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidTelemetryConfigurationException(property + "[" + i + "]", patterns.get(i),
						ex.getMessage());
			}
		}
	}

}
