package dev.cloudtelemetry.instrument.method;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MethodSelectorTests {

	@Test
	void aPlainNameSelectsThePackageAndEverythingBelowIt() {
		MethodSelector selector = new MethodSelector(List.of("com.example"), List.of());
		assertThat(selector.includesType("com.example.OrderService")).isTrue();
		assertThat(selector.includesType("com.example.orders.web.OrderController")).isTrue();
		assertThat(selector.includesType("com.examples.Other")).isFalse();
		assertThat(selector.includes("com.example.OrderService", "anything")).isTrue();
	}

	@Test
	void aPlainNameIsComparedAsTheRegexOfItsPackageDid() {
		// plain names are compared as strings (start-up: asked for every bean type and method); the regex they
		// replaced, kept here as the reference
		Pattern reference = Pattern.compile(Pattern.quote("com.example") + "(\\..+)?");
		MethodSelector selector = new MethodSelector(List.of("com.example"), List.of("com.example.internal"));
		for (String name : List.of("com.example", "com.example.A", "com.example.a.b.C", "com.example.", "com.exampleX",
				"com.example$Inner", "com.exampl", "com", "org.com.example.A", "com.example..A", "")) {
			assertThat(selector.includesType(name)).as(name).isEqualTo(reference.matcher(name).matches());
		}
		assertThat(selector.excludesType("com.example.internal")).isTrue();
		assertThat(selector.excludesType("com.example.internal.Cache")).isTrue();
		assertThat(selector.excludesType("com.example.internals.Cache")).isFalse();
		assertThat(selector.excludes("com.example.internal.Cache", "get")).isTrue();
		assertThat(selector.includes("com.example.internalsX", "get")).isTrue();
	}

	@Test
	void wildcardsMatchWithinAndAcrossSegments() {
		MethodSelector selector = new MethodSelector(List.of("com.example.**.*Service", "org.acme.Billing#charge*"),
				List.of("com.example.internal.**"));
		assertThat(selector.includesType("com.example.orders.OrderService")).isTrue();
		assertThat(selector.includesType("com.example.orders.OrderController")).isFalse();
		assertThat(selector.includes("org.acme.Billing", "chargeCard")).isTrue();
		assertThat(selector.includes("org.acme.Billing", "refund")).isFalse();
		assertThat(selector.excludesType("com.example.internal.CacheService")).isTrue();
		assertThat(selector.excludes("com.example.internal.CacheService", "get")).isTrue();
	}

	@Test
	void excludesWithAMethodPartExcludeOnlyThoseMethods() {
		MethodSelector selector = new MethodSelector(List.of("com.example"), List.of("com.example.*#get*"));
		assertThat(selector.excludesType("com.example.Repo")).isFalse();
		assertThat(selector.excludes("com.example.Repo", "getAll")).isTrue();
		assertThat(selector.excludes("com.example.Repo", "save")).isFalse();
	}

	@Test
	void invalidPatternsAreRejectedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> MethodSelector.validate("com.example#"))
			.withMessageContaining("method after it");
		assertThatIllegalArgumentException().isThrownBy(() -> MethodSelector.validate("com/example"))
			.withMessageContaining("may contain only");
		assertThatIllegalArgumentException().isThrownBy(() -> MethodSelector.validate(" "));
	}

}
