package dev.cloudtelemetry.instrument.http;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.event.ErrorRedactor;
import dev.cloudtelemetry.core.event.RedactedError;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorRedactor;

import static org.assertj.core.api.Assertions.assertThat;

class UrlErrorRedactorTests {

	private final ErrorRedactor redactor = new SqlErrorRedactor()
		.andThen(new UrlErrorRedactor(new UrlSanitizer(List.of("token", "X-Amz-*"))));

	@Test
	void credentialsAndTokensInQuotedUrlsAreRemoved() {
		IllegalStateException error = new IllegalStateException(
				"I/O error on GET request for \"https://ada:s3cret@api.example.com/v1/items?token=abc123&page=2\": "
						+ "Connection refused",
				new IOException("connect to https://ada:s3cret@api.example.com failed"));
		Throwable redacted = this.redactor.redact(error);
		assertThat(redacted).isInstanceOf(RedactedError.class).hasNoCause();
		assertThat(((RedactedError) redacted).originalType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(redacted.getMessage()).isEqualTo(
				"I/O error on GET request for \"https://api.example.com/v1/items?token=REDACTED&page=2\": Connection refused");
		assertThat(redacted.getStackTrace()).isEqualTo(error.getStackTrace());
	}

	@Test
	void aCauseQuotingACredentialIsDroppedEvenWhenTheMessageIsClean() {
		RuntimeException error = new RuntimeException("call failed",
				new IOException("GET https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeef"));
		Throwable redacted = this.redactor.redact(error);
		assertThat(redacted).hasMessage("call failed").hasNoCause();
	}

	@Test
	void databaseErrorsAreRedactedFirstAndKeepTheirType() {
		SQLException error = new SQLException("Unique index violation: ('ada@example.com', 'https://u:p@h/x')");
		Throwable redacted = this.redactor.redact(error);
		assertThat(((RedactedError) redacted).originalType()).isEqualTo(SQLException.class.getName());
		assertThat(redacted.getMessage()).doesNotContain("ada@example.com", "u:p");
	}

	@Test
	void ordinaryErrorsAreLeftAsTheyAre() {
		IllegalArgumentException error = new IllegalArgumentException("quantity must be positive, was 0",
				new IllegalStateException("see https://docs.example.com/errors/42"));
		assertThat(this.redactor.redact(error)).isSameAs(error);
	}

	@Test
	void aCauseChainLoopingBackAfterThreeStepsEnds() {
		RuntimeException a = dev.cloudtelemetry.test.CauseCycles.ofThree("C calls https://user:secret@host/x");
		Throwable redacted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
				() -> this.redactor.redact(a));
		assertThat(redacted).isInstanceOf(RedactedError.class).hasNoCause();
	}

}
