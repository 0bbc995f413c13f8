package dev.cloudtelemetry.instrument.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSanitizerTests {

	private final UrlSanitizer sanitizer = new UrlSanitizer(
			new dev.cloudtelemetry.autoconfigure.http.HttpTelemetryProperties().getMaskedQueryParameters());

	@Test
	void userInfoIsRemoved() {
		assertThat(this.sanitizer.sanitize("https://alice:s3cret@api.example.com:8443/data?x=1"))
			.isEqualTo("https://api.example.com:8443/data?x=1");
		assertThat(this.sanitizer.sanitize("http://alice@127.0.0.1/")).isEqualTo("http://127.0.0.1/");
	}

	@Test
	void atSignInPathOrQueryIsNotUserInfo() {
		assertThat(this.sanitizer.sanitize("http://host/users/a@b.c?mail=a@b.c"))
			.isEqualTo("http://host/users/a@b.c?mail=a@b.c");
	}

	@Test
	void sensitiveParametersAreMaskedIgnoringCase() {
		assertThat(this.sanitizer.sanitize("https://h/p?Token=abc&page=2&PASSWORD=pw&key=k&api_key=z"))
			.isEqualTo("https://h/p?Token=REDACTED&page=2&PASSWORD=REDACTED&key=REDACTED&api_key=REDACTED");
	}

	@Test
	void amazonSignedUrlParametersAreMaskedByPrefix() {
		assertThat(this.sanitizer.sanitize(
				"https://b.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4&x-amz-credential=AK%2F2024&X-Amz-Signature=f00d&v=1"))
			.isEqualTo("https://b.s3.amazonaws.com/o?X-Amz-Algorithm=REDACTED&x-amz-credential=REDACTED"
					+ "&X-Amz-Signature=REDACTED&v=1");
	}

	@Test
	void fragmentIsDropped() {
		assertThat(this.sanitizer.sanitize("https://h/cb?page=1#access_token=abc")).isEqualTo("https://h/cb?page=1");
	}

	@Test
	void encodedNamesAreMatchedDecodedAndTheRestKeptAsWritten() {
		assertThat(this.sanitizer.sanitize("https://h/a%20b?t%6Fken=x%20y&q=caf%C3%A9&empty=&flag"))
			.isEqualTo("https://h/a%20b?t%6Fken=REDACTED&q=caf%C3%A9&empty=&flag");
	}

	@Test
	void malformedEncodingIsKept() {
		assertThat(this.sanitizer.sanitize("https://h/?%zz=1&secret=2")).isEqualTo("https://h/?%zz=1&secret=REDACTED");
	}

	@Test
	void relativeUrlsAndPlainPathsAreSanitizedToo() {
		assertThat(this.sanitizer.sanitize("/orders?signature=abc")).isEqualTo("/orders?signature=REDACTED");
		assertThat(this.sanitizer.sanitize("/orders")).isEqualTo("/orders");
		assertThat(this.sanitizer.sanitize(null)).isNull();
	}

	@Test
	void configuredListReplacesTheDefaults() {
		UrlSanitizer custom = new UrlSanitizer(List.of("session", "X-Custom-*"));
		assertThat(custom.sanitize("http://h/?token=t&session=s&x-custom-a=1"))
			.isEqualTo("http://h/?token=t&session=REDACTED&x-custom-a=REDACTED");
	}

	@Test
	void sensitivePathParametersAreMasked() {
		UrlSanitizer sanitizer = new UrlSanitizer(List.of("jsessionid"));
		assertThat(sanitizer.sanitize("https://shop.example/cart;jsessionid=ABC123DEF/items;v=2?jsessionid=X&page=1"))
			.isEqualTo("https://shop.example/cart;jsessionid=REDACTED/items;v=2?jsessionid=REDACTED&page=1");
		assertThat(sanitizer.sanitize("/a;JSESSIONID=s3cret")).isEqualTo("/a;JSESSIONID=REDACTED");
		assertThat(sanitizer.sanitize("/a;b;c/d")).isEqualTo("/a;b;c/d");
	}

	@Test
	void oauthCodeAndStateAreMaskedByDefault() {
		UrlSanitizer sanitizer = new UrlSanitizer(new dev.cloudtelemetry.autoconfigure.http.HttpTelemetryProperties()
			.getMaskedQueryParameters());
		assertThat(sanitizer.sanitize("https://app.example/login/oauth2/code/github?code=0a1b2c3d&state=xyz789"))
			.isEqualTo("https://app.example/login/oauth2/code/github?code=REDACTED&state=REDACTED");
	}

}
