package dev.cloudtelemetry.autoconfigure.otlp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;

/**
 * Where and how spans are sent, from {@code telemetry.export.otlp.*} and, where a property is not set, the
 * OpenTelemetry environment variables as the OpenTelemetry specification documents them. A bad value fails
 * naming the property or variable it came from.
 *
 * @param protocol {@code http/protobuf} or {@code grpc}
 * @param endpoint the full URL: for HTTP with the {@code /v1/traces} path
 * @param headers headers sent with every request
 * @param gzip whether requests are compressed
 */
record OtlpConnection(String protocol, String endpoint, Map<String, String> headers, boolean gzip) {

	static final String HTTP_PROTOBUF = "http/protobuf";

	static final String GRPC = "grpc";

	private static final String TRACES_PATH = "/v1/traces";

	static OtlpConnection resolve(OtlpExportProperties properties, Function<String, @Nullable String> env) {
		Setting protocol = first(Setting.of("telemetry.export.otlp.protocol", properties.getProtocol()),
				Setting.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", env.apply("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")),
				Setting.of("OTEL_EXPORTER_OTLP_PROTOCOL", env.apply("OTEL_EXPORTER_OTLP_PROTOCOL")));
		String transport = (protocol != null) ? protocol.value().toLowerCase(java.util.Locale.ROOT) : HTTP_PROTOBUF;
		if (!transport.equals(HTTP_PROTOBUF) && !transport.equals(GRPC)) {
			throw new InvalidTelemetryConfigurationException(protocol.source(), protocol.value(),
					"use 'http/protobuf' or 'grpc'" + (transport.equals("http/json")
							? " (the OpenTelemetry Java exporter does not send http/json)" : ""));
		}
		boolean http = transport.equals(HTTP_PROTOBUF);
		String endpoint;
		Setting property = Setting.of("telemetry.export.otlp.endpoint", properties.getEndpoint());
		Setting signal = Setting.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", env.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
		Setting base = Setting.of("OTEL_EXPORTER_OTLP_ENDPOINT", env.apply("OTEL_EXPORTER_OTLP_ENDPOINT"));
		if (property != null) {
			URI uri = url(property);
			endpoint = (http && !uri.getPath().endsWith(TRACES_PATH)) ? withTracesPath(property.value()) : property.value();
		}
		else if (signal != null) {
			url(signal);
			endpoint = signal.value();
		}
		else if (base != null) {
			url(base);
			endpoint = http ? withTracesPath(base.value()) : base.value();
		}
		else {
			endpoint = http ? "http://localhost:4318" + TRACES_PATH : "http://localhost:4317";
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.putAll(headers("OTEL_EXPORTER_OTLP_HEADERS", env.apply("OTEL_EXPORTER_OTLP_HEADERS")));
		headers.putAll(headers("OTEL_EXPORTER_OTLP_TRACES_HEADERS", env.apply("OTEL_EXPORTER_OTLP_TRACES_HEADERS")));
		properties.getHeaders().forEach((name, value) -> {
			if (name.isBlank()) {
				throw new InvalidTelemetryConfigurationException("telemetry.export.otlp.headers", name,
						"a header needs a name");
			}
			headers.put(name, value);
		});
		Setting compression = first(Setting.of("telemetry.export.otlp.compression", properties.getCompression()),
				Setting.of("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", env.apply("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION")),
				Setting.of("OTEL_EXPORTER_OTLP_COMPRESSION", env.apply("OTEL_EXPORTER_OTLP_COMPRESSION")));
		String compressionName = (compression != null) ? compression.value().toLowerCase(java.util.Locale.ROOT) : "none";
		if (!compressionName.equals("gzip") && !compressionName.equals("none")) {
			throw new InvalidTelemetryConfigurationException(compression.source(), compression.value(),
					"use 'gzip' or 'none'");
		}
		return new OtlpConnection(transport, endpoint, Map.copyOf(headers), compressionName.equals("gzip"));
	}

	private static String withTracesPath(String base) {
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
	}

	private static URI url(Setting setting) {
		try {
			URI uri = new URI(setting.value());
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (java.net.URISyntaxException ex) {
			// reported below
		}
		throw new InvalidTelemetryConfigurationException(setting.source(), setting.value(),
				"needs an http:// or https:// URL with a host, such as http://otel-collector:4318");
	}

	/** The W3C baggage-like list OpenTelemetry uses: {@code name=value,name2=value2}, values percent-encoded. */
	private static Map<String, String> headers(String variable, @Nullable String list) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (list == null || list.isBlank()) {
			return headers;
		}
		for (String pair : list.split(",")) {
			int equals = pair.indexOf('=');
			String name = (equals > 0) ? pair.substring(0, equals).trim() : "";
			if (name.isEmpty()) {
				// the value may be a secret: never echo it
				throw new InvalidTelemetryConfigurationException(variable, "******",
						"each header must be name=value, separated by commas");
			}
			headers.put(name, URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	private static @Nullable Setting first(@Nullable Setting... settings) {
		for (Setting setting : settings) {
			if (setting != null) {
				return setting;
			}
		}
		return null;
	}

	/** A value and the property or variable it came from. */
	record Setting(String source, String value) {

		static @Nullable Setting of(String source, @Nullable String value) {
			return (value != null && !value.isBlank()) ? new Setting(source, value.trim()) : null;
		}

	}

}
