package dev.cloudtelemetry.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.json.JsonMapper;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.json.JsonReader;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.http.TraceParent;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorMessages;
import dev.cloudtelemetry.instrument.jdbc.SqlSanitizer;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.Failures;
import dev.cloudtelemetry.metadata.Json;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.CloudMetadata;
import dev.cloudtelemetry.metadata.aws.EcsMetadataProbe;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.metadata.kubernetes.PodAnnotations;
import dev.cloudtelemetry.resource.CommandLineSanitizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for every parser that takes outside input. {@code ./mvnw verify} runs them over the committed
 * inputs in {@code src/test/resources/dev/cloudtelemetry/fuzz/ParserFuzzTestsInputs/<target>/} (the regression
 * corpus: every input that once found a bug stays there); {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ParserFuzzTests#<target>}
 * fuzzes one target for real (see {@code docs/fuzzing.md}). Properties: no exception escapes, the output is
 * valid, and a planted secret never survives.
 */
class ParserFuzzTests {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	private static final UrlSanitizer URLS = new UrlSanitizer(List.of("token", "password", "X-Amz-*"));

	private static final SecretPatternRedactor SECRETS = new SecretPatternRedactor(false);

	@FuzzTest(maxDuration = "2m")
	void sqlSanitizer(FuzzedDataProvider data) {
		String prefix = data.consumeString(500);
		String suffix = data.consumeRemainingAsString();
		for (SqlSanitizer dialect : new SqlSanitizer[] { SqlSanitizer.STANDARD, SqlSanitizer.MYSQL,
				SqlSanitizer.MESSAGE }) {
			assertThat(dialect.sanitize(prefix + suffix)).isNotNull();
		}
		// a literal after a prefix that cannot open a string, identifier or comment never survives
		String plain = prefix.replaceAll("[^A-Za-z0-9_ ,=<>()*+.]", " ");
		String sql = "SELECT a FROM t WHERE " + plain + " = 'SECRETVALUE' AND b = 42424242 " + suffix;
		for (SqlSanitizer dialect : new SqlSanitizer[] { SqlSanitizer.STANDARD, SqlSanitizer.MYSQL }) {
			String sanitized = dialect.sanitize(sql).text();
			assertThat(sanitized).doesNotContain("SECRETVALUE").doesNotContain("42424242");
		}
		assertThat(SqlErrorMessages.sanitize("ERROR: bad value: \"SECRETVALUE\" " + suffix)).doesNotContain("SECRETVALUE");
	}

	@FuzzTest(maxDuration = "2m")
	void urlSanitizer(FuzzedDataProvider data) {
		String path = data.consumeString(300);
		String rest = data.consumeRemainingAsString();
		assertThat(URLS.sanitize(path + rest)).isNotNull();
		String clean = path.replaceAll("[^A-Za-z0-9/._~%-]", "");
		String url = "https://ada:SECRETPW@example.com/" + clean + "?token=SECRETTOKEN&x=" + clean.replace("/", "")
				+ "&password=SECRETPASS#" + rest;
		String sanitized = URLS.sanitize(url);
		assertThat(sanitized).doesNotContain("SECRETPW", "SECRETTOKEN", "SECRETPASS");
	}

	@FuzzTest(maxDuration = "2m")
	void traceparent(FuzzedDataProvider data) {
		String traceparent = data.consumeString(80);
		String tracestate = data.consumeRemainingAsString();
		RemoteContext context = TraceParent.parse(traceparent, tracestate);
		if (context != null) {
			assertThat(context.traceIdHigh() | context.traceIdLow()).isNotZero();
			assertThat(context.spanId()).isNotZero();
			assertThat(traceparent.strip()).matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}.*");
			if (context.traceState() != null) {
				assertThat(context.traceState().length()).isLessThanOrEqualTo(512);
				assertThat(context.traceState()).doesNotContain("\r", "\n");
			}
		}
	}

	@FuzzTest(maxDuration = "2m")
	void secretPatternRedactor(FuzzedDataProvider data) {
		String before = data.consumeString(400);
		String after = data.consumeRemainingAsString();
		String text = before + " Bearer SECRETBEARER0123 password=SECRETPAIR AKIAABCDEFGHIJKLMNOP " + after;
		String redacted = SECRETS.redact(text);
		assertThat(redacted).doesNotContain("SECRETBEARER0123", "SECRETPAIR", "AKIAABCDEFGHIJKLMNOP");
		assertThat(SECRETS.redact(before)).isNotNull();
		assertThat(SECRETS.redact(redacted)).isEqualTo(redacted);
		assertThat(String.join(" ", CommandLineSanitizer.sanitize(List.of(before, "--token", "SECRETARG", after))))
			.doesNotContain("SECRETARG");
	}

	@FuzzTest(maxDuration = "2m")
	void jsonWriterRoundTrips(String text) throws Exception {
		if (text == null) {
			return;
		}
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("k", text);
		object.put("list", List.of(text, 1L, true));
		object.put(text, "v");
		JsonWriter writer = new JsonWriter(64);
		writer.object(object);
		String json = new String(writer.toByteArray(), StandardCharsets.UTF_8);
		// valid JSON for an independent parser, and the same strings back (lone surrogates become U+FFFD)
		Map<?, ?> parsed = JACKSON.readValue(json, Map.class);
		String expected = withoutLoneSurrogates(text);
		assertThat(parsed.get("k")).isEqualTo(expected);
		assertThat(parsed.get(expected)).isEqualTo((expected.equals("k") || expected.equals("list")) ? parsed.get(expected) : "v");
		assertThat(JsonReader.parse(json)).isEqualTo(JsonReader.parse(JACKSON.writeValueAsString(parsed)));
	}

	@FuzzTest(maxDuration = "2m")
	void jsonReader(String text) {
		if (text == null) {
			return;
		}
		Object value;
		try {
			value = JsonReader.parse(text);
		}
		catch (IllegalArgumentException ex) {
			// the one failure it may report; anything else escaping is a bug
			return;
		}
		// what it accepts is JSON for an independent parser too, and writes back to the same value
		JACKSON.readTree(text);
		// written back, it reads as what was written: after one round trip the value is stable (a lone
		// surrogate, valid as an escape in JSON text, is written as U+FFFD once and stays so)
		Object once = JsonReader.parse(write(value));
		assertThat(JsonReader.parse(write(once))).isEqualTo(once);
	}

	private static String write(Object value) {
		JsonWriter writer = new JsonWriter(64);
		writer.value(value);
		return new String(writer.toByteArray(), StandardCharsets.UTF_8);
	}

	private static String withoutLoneSurrogates(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else {
				out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		return out.toString();
	}

	/** The metadata services' JSON (IMDS identity document, ECS, Azure, Kubernetes) goes through this parser. */
	@FuzzTest(maxDuration = "2m")
	void metadataJson(String text) {
		Map<String, Object> parsed = Json.parseObject(text);
		if (parsed == null) {
			return;
		}
		for (String key : parsed.keySet()) {
			Json.string(parsed, key);
			Json.object(parsed, key);
			Json.firstObject(parsed, key);
			Json.stringMap(parsed, key);
		}
		assertThat(Json.parseObject(Json.write(parsed))).isEqualTo(parsed);
	}

	private static final AtomicReference<String[]> ECS_BODIES = new AtomicReference<>();

	private static FakeMetadataServer ecsServer;

	private static synchronized String ecsServer() {
		if (ecsServer == null) {
			ecsServer = new FakeMetadataServer().handle("/v4/c", (exchange) -> {
				String[] bodies = ECS_BODIES.get();
				boolean task = exchange.getRequestURI().getPath().endsWith("/task");
				FakeMetadataServer.respond(exchange, 200, task ? bodies[1] : bodies[0]);
			});
		}
		return ecsServer.url() + "/v4/c";
	}

	/** ECS task metadata: any container and task document, served by a local server as the agent does. */
	@FuzzTest(maxDuration = "2m")
	void ecsMetadata(FuzzedDataProvider data) {
		ECS_BODIES.set(new String[] { data.consumeString(2000), data.consumeRemainingAsString() });
		MetadataHttpClient http = new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2),
				MetadataHttpClient.DEFAULT_MAX_BYTES);
		// the probe calls the local agent stand-in, never a host named by the fuzzed documents
		try (SilentCloseable local = BugDetectors.allowNetworkConnections(ParserFuzzTests::isLocalServer)) {
			new EcsMetadataProbe(http, Map.of("ECS_CONTAINER_METADATA_URI_V4", ecsServer())::get).probe(() -> {
			});
		}
		catch (IOException | Failures.PlainFailure ex) {
			// how a probe reports an answer it cannot use: the provider records it and goes on
		}
	}

	private static final AtomicReference<String> AZURE_BODY = new AtomicReference<>();

	private static final AtomicReference<List<String>> GCP_VALUES = new AtomicReference<>();

	private static FakeMetadataServer azureServer;

	private static FakeMetadataServer gcpServer;

	private static synchronized String azureServer() {
		if (azureServer == null) {
			azureServer = new FakeMetadataServer().handle("/metadata/instance",
					(exchange) -> FakeMetadataServer.respond(exchange, 200, AZURE_BODY.get()));
		}
		return azureServer.url();
	}

	/** Each path of the GCE metadata server answers one fuzzed value, chosen by the path's hash. */
	private static synchronized String gcpServer() {
		if (gcpServer == null) {
			gcpServer = new FakeMetadataServer().handle("/computeMetadata/v1/", (exchange) -> {
				List<String> values = GCP_VALUES.get();
				String path = exchange.getRequestURI().getPath();
				FakeMetadataServer.respond(exchange, 200, values.get(Math.floorMod(path.hashCode(), values.size())),
						Map.of("Metadata-Flavor", "Google"));
			});
		}
		return gcpServer.url();
	}

	/** Azure IMDS: any instance document, served by a local server as the instance metadata service does. */
	@FuzzTest(maxDuration = "2m")
	void azureMetadata(String body) {
		AZURE_BODY.set(body);
		try (SilentCloseable local = BugDetectors.allowNetworkConnections(ParserFuzzTests::isLocalServer)) {
			assertWritable(new AzureMetadataProbe(metadataHttp(), azureServer()).probe(() -> {
			}));
		}
		catch (IOException | Failures.PlainFailure ex) {
			// how a probe reports an answer it cannot use: the provider records it and goes on
		}
	}

	/** GCE metadata server: any text for each value the probe asks for (project, zone, region, ids, host). */
	@FuzzTest(maxDuration = "2m")
	void gcpMetadata(FuzzedDataProvider data) {
		List<String> values = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			values.add(data.consumeString(200));
		}
		GCP_VALUES.set(values);
		try (SilentCloseable local = BugDetectors.allowNetworkConnections(ParserFuzzTests::isLocalServer)) {
			assertWritable(new GcpMetadataProbe(metadataHttp(), gcpServer(), Map.<String, String>of()::get).probe(() -> {
			}));
		}
		catch (IOException | Failures.PlainFailure ex) {
			// how a probe reports an answer it cannot use: the provider records it and goes on
		}
	}

	private static MetadataHttpClient metadataHttp() {
		return new MetadataHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2), MetadataHttpClient.DEFAULT_MAX_BYTES);
	}

	/** What a probe found is written into every line: it must be valid JSON that reads back the same. */
	private static void assertWritable(CloudMetadata metadata) {
		for (Map<String, Object> block : List.of(metadata.cloud(), metadata.host())) {
			assertThat(Json.parseObject(Json.write(block))).isEqualTo(block);
		}
	}

	private static boolean isLocalServer(String host, Integer port) {
		return host.equals("localhost") || host.equals("127.0.0.1");
	}

	/** {@code /proc/self/cgroup} and {@code mountinfo}: an id found is always 64 lower-case hex digits. */
	@FuzzTest(maxDuration = "2m")
	void containerIds(FuzzedDataProvider data) throws IOException {
		Path cgroup = Files.createTempFile("cgroup", "");
		Path mountinfo = Files.createTempFile("mountinfo", "");
		try {
			Files.writeString(cgroup, data.consumeString(2000));
			Files.writeString(mountinfo, data.consumeRemainingAsString());
			ContainerIdReader reader = new ContainerIdReader(cgroup, mountinfo);
			String id = reader.read();
			assertThat(id).satisfiesAnyOf((value) -> assertThat(value).isNull(),
					(value) -> assertThat(value).matches("[0-9a-f]{64}"));
			assertThat(reader.candidates()).allMatch((candidate) -> candidate.matches("[0-9a-f]{64}"));
		}
		finally {
			Files.deleteIfExists(cgroup);
			Files.deleteIfExists(mountinfo);
		}
	}

	/** Pod annotations: any keys and values; a planted secret never survives and values stay bounded. */
	@FuzzTest(maxDuration = "2m")
	void podAnnotations(FuzzedDataProvider data) {
		Map<String, Object> annotations = new LinkedHashMap<>();
		while (data.remainingBytes() > 0 && annotations.size() < 20) {
			annotations.put(data.consumeString(60), data.consumeString(400));
		}
		annotations.put("example.com/db", "jdbc:postgresql://db/x?user=a&password=SECRETVALUE " + annotations.size());
		annotations.put("example.com/db-password", "SECRETBYNAME");
		annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{\"env\":\"SECRETMANIFEST\"}");
		Map<String, Object> written = new PodAnnotations(List.of(), 256).filter(annotations);
		assertThat(written.values()).allSatisfy((value) -> assertThat((String) value).hasSizeLessThanOrEqualTo(256 + 40));
		// the planted secrets, not a fuzzed value that merely holds the same letters (crash-7d42...: "p&assword=SECRETVALUE")
		assertThat((String) written.get("example.com/db")).doesNotContain("SECRETVALUE");
		assertThat(written).doesNotContainKeys("example.com/db-password",
				"kubectl.kubernetes.io/last-applied-configuration");
	}

}
