package dev.cloudtelemetry.resource;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineSanitizerTests {

	@Test
	void secretLookingArgumentsAreMasked() {
		List<String> sanitized = CommandLineSanitizer.sanitize(List.of("java", "-Xmx1g",
				"-Djavax.net.ssl.keyStorePassword=changeit", "-jar", "app.jar", "--spring.datasource.password=hunter2",
				"--api-key=abc", "--token", "t0ps3cret", "--client-secret=s", "--app.aws.secret-key=AKIA",
				"--server.port=8080", "--name=orders", "--private_key", "pk"));
		assertThat(String.join(" ", sanitized)).doesNotContain("changeit", "hunter2", "abc", "t0ps3cret", "=s ",
				"AKIA", " pk")
			.contains("-Xmx1g", "--server.port=8080", "--name=orders", "-Djavax.net.ssl.keyStorePassword=******",
					"--token ******");
	}

	@Test
	void credentialsInUrlsAreMasked() {
		List<String> sanitized = CommandLineSanitizer.sanitize(
				List.of("--spring.datasource.url=jdbc:postgresql://app:s3cr3t@db:5432/orders", "https://u:p@example.com/x"));
		assertThat(sanitized).containsExactly("--spring.datasource.url=jdbc:postgresql://app:******@db:5432/orders",
				"https://u:******@example.com/x");
	}

	@Test
	void aFlagFollowedByAnotherOptionMasksNothingElse() {
		assertThat(CommandLineSanitizer.sanitize(List.of("--token", "--verbose"))).containsExactly("--token", "--verbose");
	}

	@Test
	void secretsInsideValuesAreMasked() {
		List<String> arguments = List.of("java", "-javaagent:/opt/agent.jar=apiKey=AgentKey123,env=prod",
				"-jar", "app.jar", "--spring.datasource.url=jdbc:mysql://db/orders?user=app&password=s3cret&ssl=true",
				"--spring.application.json={\"db\":{\"password\":\"JsonSecret9\"},\"name\":\"orders\"}",
				"--git.uri=https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r.git",
				"--repo=https://abcdefghijklmnopqrstuvwxyz012345@git.example.com/r.git", "--mirror=https://git@example.com/r",
				"--auth-header=Bearer abcdefghijklmnop0123");
		String sanitized = String.join(" ", CommandLineSanitizer.sanitize(arguments));
		assertThat(sanitized).doesNotContain("AgentKey123", "s3cret", "JsonSecret9", "ghp_A1b2",
				"abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnop0123")
			.contains("env=prod", "ssl=true", "\"name\":\"orders\"", "https://git@example.com/r", "-jar app.jar");
	}

}
