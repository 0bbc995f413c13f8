package dev.cloudtelemetry.core.redact;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.redact.Field;
import dev.cloudtelemetry.redact.TelemetryRedactor;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorsTests {

	private final AtomicInteger pureCalls = new AtomicInteger();

	private final AtomicInteger plainCalls = new AtomicInteger();

	private final PureRedactor pure = (field, value) -> {
		this.pureCalls.incrementAndGet();
		return value.replace("hunter2", "******");
	};

	private final TelemetryRedactor plain = (field, value) -> {
		this.plainCalls.incrementAndGet();
		return value;
	};

	@Test
	void aRedactorSeesOnlyTheKindsItHandles() {
		TelemetryRedactor urlsOnly = new TelemetryRedactor() {

			@Override
			public String redact(Field field, String value) {
				return "url";
			}

			@Override
			public boolean handles(Field.Kind kind) {
				return kind == Field.Kind.URL;
			}

		};
		Redactors redactors = Redactors.of(List.of(urlsOnly));
		assertThat(redactors.redact(Field.attribute("http.url"), "https://example.com")).isEqualTo("url");
		assertThat(redactors.redact(Field.MESSAGE, "https://example.com")).isEqualTo("https://example.com");
		assertThat(redactors.isEmpty()).isFalse();
	}

	@Test
	void aCleanValueIsAskedOnceOfThePureRedactorsAndEveryTimeOfTheOthers() {
		Redactors redactors = Redactors.of(List.of(this.pure, this.plain));
		Field thread = Field.attribute("thread.name");
		for (int i = 0; i < 3; i++) {
			// a new instance each time, as a formatted value would be
			assertThat(redactors.redact(thread, new String("http-nio-8080-exec-7"))).isEqualTo("http-nio-8080-exec-7");
		}
		assertThat(this.pureCalls).hasValue(1);
		assertThat(this.plainCalls).hasValue(3);
		// the same text in another field is another question
		redactors.redact(Field.attribute("server.address"), "http-nio-8080-exec-7");
		assertThat(this.pureCalls).hasValue(2);
	}

	@Test
	void aValueTheRedactorsChangeIsRedactedEveryTime() {
		Redactors redactors = Redactors.of(List.of(this.pure));
		for (int i = 0; i < 3; i++) {
			assertThat(redactors.redact(Field.MESSAGE, "password hunter2")).isEqualTo("password ******");
		}
		assertThat(this.pureCalls).hasValue(3);
	}

	@Test
	void aPureRedactorAfterAnotherRedactorIsAskedEveryTime() {
		Redactors redactors = Redactors.of(List.of(this.plain, this.pure));
		redactors.redact(Field.MESSAGE, "ok");
		redactors.redact(Field.MESSAGE, "ok");
		assertThat(this.pureCalls).hasValue(2);
	}

	@Test
	void errorTextIsNeverRemembered() {
		Redactors redactors = Redactors.of(List.of(this.pure));
		IllegalStateException error = new IllegalStateException("boom");
		redactors.redact(Field.errorMessage(error), "boom");
		redactors.redact(Field.errorMessage(error), "boom");
		assertThat(this.pureCalls).hasValue(2);
	}

	@Test
	void aRedactorThatThrowsOrReturnsNullMakesTheValueFailed() {
		PureRedactor throwing = (field, value) -> {
			throw new IllegalStateException("broken");
		};
		assertThat(Redactors.of(List.of(throwing)).redact(Field.MESSAGE, "secret")).isEqualTo(TelemetryRedactor.FAILED);
		assertThat(Redactors.of(List.of(this.plain, (TelemetryRedactor) (field, value) -> null))
			.redact(Field.MESSAGE, "secret")).isEqualTo(TelemetryRedactor.FAILED);
		assertThat(Redactors.apply((field, value) -> null, Field.MESSAGE, "secret")).isEqualTo(TelemetryRedactor.FAILED);
		assertThat(Redactors.apply(throwing, Field.MESSAGE, "secret")).isEqualTo(TelemetryRedactor.FAILED);
	}

}
