package dev.cloudtelemetry.instrument.http;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorRedactor;
import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.CauseCycles;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class UrlRedactorTests {

	private static final Resource RESOURCE = new ResourceResolver(List.of(new ServiceResourceProvider("svc", "1", "dev"),
			new RuntimeResourceProvider(), new HostResourceProvider(), new ProcessResourceProvider()), List.of(), 0)
		.resolveNow();

	private final UrlRedactor urls = new UrlRedactor(new UrlSanitizer(List.of("token", "X-Amz-*")));

	private final EventEncoder encoder = new EventEncoder(() -> RESOURCE, true, Limits.none(20_000),
			Redactors.of(List.of(new SqlErrorRedactor(), this.urls)));

	private final SpanFactory spans = new SpanFactory(() -> 1L);

	@Test
	void credentialsAndTokensInQuotedUrlsAreRemovedFromTheMessageAndEveryCause() {
		IllegalStateException error = new IllegalStateException(
				"I/O error on GET request for \"https://ada:s3cret@api.example.com/v1/items?token=abc123&page=2\": "
						+ "Connection refused",
				new IOException("connect to https://ada:s3cret@api.example.com failed"));
		JsonNode written = encode(error).get("error");
		assertThat(written.get("type").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(written.get("message").asString()).isEqualTo(
				"I/O error on GET request for \"https://api.example.com/v1/items?token=REDACTED&page=2\": Connection refused");
		assertThat(written.get("stacktrace").asString()).contains("Caused by: java.io.IOException: connect to https://api.example.com failed")
			.doesNotContain("s3cret", "abc123");
	}

	@Test
	void aSuppressedErrorQuotingACredentialIsRedactedToo() {
		RuntimeException error = new RuntimeException("call failed");
		error.addSuppressed(new IOException("GET https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeef"));
		String stackTrace = encode(error).get("error").get("stacktrace").asString();
		assertThat(stackTrace).contains("\tSuppressed: java.io.IOException: GET https://s3.amazonaws.com/b/k?X-Amz-Signature=REDACTED")
			.doesNotContain("deadbeef");
	}

	@Test
	void databaseErrorsAreRedactedFirstAndKeepTheirType() {
		SQLException error = new SQLException("Unique index violation: ('ada@example.com', 'https://u:p@h/x')");
		JsonNode written = encode(new RuntimeException("save failed", error)).get("error");
		assertThat(written.get("stacktrace").asString()).contains("Caused by: java.sql.SQLException")
			.doesNotContain("ada@example.com", "u:p");
	}

	@Test
	void ordinaryTextIsLeftAsItIs() {
		String text = "quantity must be positive, was 0; see https://docs.example.com/errors/42";
		assertThat(this.urls.redact(Field.MESSAGE, text)).isEqualTo(text);
	}

	@Test
	void aCauseChainLoopingBackAfterThreeStepsEnds() {
		RuntimeException a = CauseCycles.ofThree("C calls https://user:secret@host/x");
		JsonNode written = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> encode(a));
		assertThat(written.get("error").get("stacktrace").asString()).contains("[CIRCULAR REFERENCE")
			.doesNotContain("secret");
	}

	private JsonNode encode(Throwable error) {
		JsonWriter out = new JsonWriter(1024);
		this.encoder.encode(GenericEvent.builder("exception", 1L)
			.span(this.spans.start(null, "f", "func", null))
			.severity(Severity.ERROR)
			.message("failed")
			.error(error)
			.build(), 1, out);
		return TelemetrySchema.validate(out.toString().stripTrailing());
	}

	@Test
	void aPrefixVouchedForStaysUnchangedWhateverDurationFollowsIt() {
		UrlRedactor redactor = new UrlRedactor(new UrlSanitizer(List.of("token", "code")));
		List<String> prefixes = List.of("Function 'OrderService.placeOrder' exit (", "GET https://u:p@host/x?token=t (",
				"see http:/", "see http:", "see https://host/a?code=", "next=https%3A%2F%2Fu%3Ap%40host (", "a+b (",
				"plain (", "");
		List<String> durations = List.of("0.00ms)", "12.34ms)", "999999999999.99ms)");
		int vouched = 0;
		for (Field field : List.of(Field.MESSAGE, Field.attribute("note"), Field.attribute("url.full"))) {
			for (String prefix : prefixes) {
				if (redactor.passesWithMillis(field, prefix)) {
					vouched++;
					for (String duration : durations) {
						assertThat(redactor.redact(field, prefix + duration)).isEqualTo(prefix + duration);
					}
				}
			}
		}
		assertThat(vouched).isEqualTo(10);
		assertThat(redactor.passesWithMillis(Field.attribute("url.full"), "plain (")).isFalse();
	}

	@Test
	void attributesNamedFromCodeAreVouchedForAndLeftAloneWhileOtherAttributesAreSanitized() {
		String url = "https://user:secret@host/x?token=t";
		for (String name : List.of("code.namespace", "code.function", "function.parameters", "caller.function",
				"caller.file", "program_name", "parent_correlation_id", "span.kind", "http.method", "http.route",
				"db.system", "db.operation", "error.type", "exception.type")) {
			Field field = Field.attribute(name);
			assertThat(this.urls.passesEveryValue(field)).as(name).isTrue();
			assertThat(this.urls.redact(field, "com.example.OrderService")).isEqualTo("com.example.OrderService");
			// by construction, whatever the value: the writer no longer asks, so the redactor must not change it
			assertThat(this.urls.redact(field, url)).isSameAs(url);
		}
		for (String name : List.of("thread.name", "note", "url.full", "function.arguments.0")) {
			Field field = Field.attribute(name);
			assertThat(this.urls.passesEveryValue(field)).as(name).isFalse();
			assertThat(this.urls.redact(field, url)).as(name).doesNotContain("secret").doesNotContain("token=t");
		}
		assertThat(this.urls.passesEveryValue(Field.MESSAGE)).isFalse();
	}

}
