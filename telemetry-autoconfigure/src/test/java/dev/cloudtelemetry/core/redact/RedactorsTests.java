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
	void aCleanValueIsAskedTwiceOfThePureRedactorsAndEveryTimeOfTheOthers() {
		Redactors redactors = Redactors.of(List.of(this.pure, this.plain));
		Field thread = Field.attribute("thread.name");
		for (int i = 0; i < 4; i++) {
			// a new instance each time, as a formatted value would be
			assertThat(redactors.redact(thread, new String("http-nio-8080-exec-7"))).isEqualTo("http-nio-8080-exec-7");
		}
		// remembered once it was found clean twice
		assertThat(this.pureCalls).hasValue(2);
		assertThat(this.plainCalls).hasValue(4);
		// the same text in another field is another question
		redactors.redact(Field.attribute("server.address"), "http-nio-8080-exec-7");
		assertThat(this.pureCalls).hasValue(3);
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

	@Test
	void valuesSeenOnceNeverPushOutAValueThatRepeats() {
		AtomicInteger threadNameCalls = new AtomicInteger();
		PureRedactor counting = (field, value) -> {
			if (value.equals("http-nio-8080-exec-7")) {
				threadNameCalls.incrementAndGet();
			}
			return value;
		};
		Redactors redactors = Redactors.of(List.of(counting));
		Field field = Field.attribute("thread.name");
		for (int i = 0; i < 3; i++) {
			redactors.redact(field, "http-nio-8080-exec-7");
		}
		int asked = threadNameCalls.get();
		// ids, timings: a new value in every event, far more of them than the table has slots
		for (int i = 0; i < 5_000; i++) {
			redactors.redact(field, "order-" + i);
		}
		redactors.redact(field, "http-nio-8080-exec-7");
		assertThat(threadNameCalls).as("still remembered").hasValue(asked);
	}

}
