package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.AntPathMatcher;

import static org.assertj.core.api.Assertions.assertThat;

class ExcludedPathsTests {

	private static final List<String> PATTERNS = List.of("/actuator/**", "/static/*.css", "/api/v?/health",
			"/users/{id}/avatar", "internal/**", "/exact");

	private static final List<String> PATHS = List.of("/actuator", "/actuator/", "/actuator/health",
			"/actuator/health/liveness", "//actuator/health", "/actuator//health", "/actuatorx", "/orders/42",
			"/static/site.css", "/static/a/site.css", "/api/v1/health", "/api/v12/health", "/users/7/avatar",
			"/users//avatar", "internal/x", "/internal/x", "/exact", "/exact/", "/exac", "/", "");

	@Test
	void matchesExactlyWhatAntPathMatcherMatches() {
		ExcludedPaths excluded = new ExcludedPaths(PATTERNS);
		AntPathMatcher matcher = new AntPathMatcher();
		for (String path : PATHS) {
			boolean expected = PATTERNS.stream().anyMatch((pattern) -> matcher.match(pattern, path));
			assertThat(excluded.matches(path)).as(path).isEqualTo(expected);
		}
	}

	@Test
	void actuatorPathsAreExcludedByDefaultPatternAndOthersAreNot() {
		ExcludedPaths excluded = new ExcludedPaths(List.of("/actuator/**"));
		assertThat(excluded.matches("/actuator")).isTrue();
		assertThat(excluded.matches("/actuator/health")).isTrue();
		assertThat(excluded.matches("//actuator/health")).isTrue();
		assertThat(excluded.matches("/orders/42")).isFalse();
		assertThat(excluded.matches(null)).isFalse();
	}

	@Test
	void literalPrefixStopsAtTheFirstWildcardWithoutTheSlashBeforeIt() {
		assertThat(ExcludedPaths.literalPrefix("/actuator/**")).isEqualTo("/actuator");
		assertThat(ExcludedPaths.literalPrefix("/static/*.css")).isEqualTo("/static");
		assertThat(ExcludedPaths.literalPrefix("/api/v?/health")).isEqualTo("/api/v");
		assertThat(ExcludedPaths.literalPrefix("/users/{id}")).isEqualTo("/users");
		assertThat(ExcludedPaths.literalPrefix("/exact")).isEqualTo("/exact");
		assertThat(ExcludedPaths.literalPrefix("**")).isEmpty();
	}

}
