package dev.cloudtelemetry.instrument.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.event.GenericEvent;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedHeadersTests {

	private static final Map<String, List<String>> HEADERS = Map.of("authorization", List.of("Bearer abc"), "cookie",
			List.of("SESSION=1"), "set-cookie", List.of("a=b"), "proxy-authorization", List.of("Basic x"),
			"x-request-id", List.of("r-1"), "accept", List.of("text/plain", "application/json"));

	private Map<String, Object> record(List<String> names) {
		GenericEvent.Builder event = GenericEvent.builder("http_request", 1);
		new RecordedHeaders(names).record(event, "http.request.header.", HEADERS::get);
		return event.build().attributes();
	}

	@Test
	void nothingIsRecordedByDefault() {
		assertThat(record(List.of())).isEmpty();
	}

	@Test
	void allowListedHeadersAreRecordedUnderLowerCaseNames() {
		assertThat(record(List.of("X-Request-Id", "Accept", "Missing"))).containsOnly(
				Map.entry("http.request.header.x-request-id", "r-1"),
				Map.entry("http.request.header.accept", "text/plain, application/json"));
	}

	@Test
	void credentialsAreMaskedEvenWhenAllowListed() {
		assertThat(record(List.of("Authorization", "COOKIE", "Set-Cookie", "Proxy-Authorization"))).containsOnly(
				Map.entry("http.request.header.authorization", "REDACTED"),
				Map.entry("http.request.header.cookie", "REDACTED"),
				Map.entry("http.request.header.set-cookie", "REDACTED"),
				Map.entry("http.request.header.proxy-authorization", "REDACTED"));
	}

}
