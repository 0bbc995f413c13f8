package dev.cloudtelemetry.metadata;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.test.CauseCycles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class FailuresTests {

	@Test
	void theDeepestCauseIsDescribed() {
		RuntimeException wrapped = new RuntimeException("outer", new ConnectException("Connection refused"));
		assertThat(Failures.describe(wrapped)).isEqualTo("connection refused (nothing listening)");
	}

	@Test
	void aCauseChainLoopingBackAfterThreeStepsEnds() {
		RuntimeException a = CauseCycles.ofThree("C");
		assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Failures.describe(a))).isIn("B", "C");
	}

}
