package dev.cloudtelemetry.resource;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Fills the {@code resource} block: the SDK, the Java runtime and the operating system.
 */
public final class RuntimeResourceProvider implements ResourceProvider {

	/** The {@code telemetry.sdk.name} the specification prescribes. */
	public static final String SDK_NAME = "custom-injector";

	/** The {@code telemetry.sdk.version}: the version of the telemetry.v2 format. */
	public static final String SDK_VERSION = "2.0.0";

	private final UnaryOperator<String> systemProperties;

	public RuntimeResourceProvider() {
		this(System::getProperty);
	}

	public RuntimeResourceProvider(UnaryOperator<String> systemProperties) {
		this.systemProperties = systemProperties;
	}

	@Override
	public String name() {
		return "runtime";
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		builder.resource().put("telemetry.sdk.name", SDK_NAME);
		builder.resource().put("telemetry.sdk.version", SDK_VERSION);
		builder.resource().put("runtime.name", "java");
		builder.resource().put("runtime.version", runtimeVersion());
		String osName = this.systemProperties.apply("os.name");
		builder.resource().put("os.type", osType(osName));
		String osVersion = this.systemProperties.apply("os.version");
		builder.resource().put("os.description", (osName != null) ? (osName + " " + orEmpty(osVersion)).trim() : null);
	}

	private String runtimeVersion() {
		String version = this.systemProperties.apply("java.runtime.version");
		return (version != null) ? version : this.systemProperties.apply("java.version");
	}

	static String osType(String osName) {
		if (osName == null) {
			return null;
		}
		String name = osName.toLowerCase(Locale.ROOT);
		if (name.startsWith("windows")) {
			return "windows";
		}
		if (name.startsWith("mac") || name.startsWith("darwin")) {
			return "darwin";
		}
		if (name.contains("freebsd")) {
			return "freebsd";
		}
		if (name.contains("linux")) {
			return "linux";
		}
		return name.replace(' ', '_');
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
