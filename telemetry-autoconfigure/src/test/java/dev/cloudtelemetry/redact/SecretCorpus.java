package dev.cloudtelemetry.redact;

import java.util.List;

/**
 * Secrets in the formats that leak in practice, each with the part that must never be written (its
 * needle). Each needle is unique, so a hit in the output names the secret and the channel.
 */
final class SecretCorpus {

	record Secret(String text, String needle) {

		boolean multiLine() {
			return this.text.indexOf('\n') >= 0;
		}

	}

	static final List<Secret> ALL = List.of(
			// JSON Web Tokens
			whole("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJlb25lQQ"),
			whole("eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJib2IiLCJleHAiOjE3NjM3MDAwMDB9.U2lnbmF0dXJlVHdvQkI"),
			within("id_token eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJzaG9wIiwic2NvcGUiOiJhbGwifQ.c2lnVGhyZWVDQw done",
					"eyJhdWQiOiJzaG9wIiwic2NvcGUiOiJhbGwifQ"),
			// Authorization credentials
			within("Authorization: Bearer mF_9.B5f-4.1JqMbearerOne", "mF_9.B5f-4.1JqMbearerOne"),
			within("bearer Zx81kq0BearerTwoToken", "Zx81kq0BearerTwoToken"),
			within("Authorization: Basic YWRhOmh1bnRlcjJCYXNpY09uZQ==", "YWRhOmh1bnRlcjJCYXNpY09uZQ=="),
			within("basic Ym9iOnNlY3JldEJhc2ljVHdv", "Ym9iOnNlY3JldEJhc2ljVHdv"),
			// AWS
			whole("AKIAIOSFODNN7EXAMPLA"),
			whole("ASIAY34FZKBOKMUTVV7A"),
			within("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEA",
					"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEA"),
			within("AWS secret key: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEB", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEB"),
			// GitHub, GitLab, Slack
			whole("ghp_R4nd0mT0k3nV4lu3F0rT3st1ngAAAA0001"),
			whole("gho_0therT0k3nV4lu3F0rT3st1ngBBBBB0002"),
			whole("ghs_S3rv3rT0k3nV4lu3F0rT3st1ngCCCC0003"),
			whole("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzFinePat04"),
			whole("glpat-Xy9zW8vU7tS6rQ5pO4nM"),
			whole("glpat-GitLabSecondToken12345"),
			whole("xoxb-123456789012-1234567890123-SlackBotTokenOne05"),
			whole("xoxp-123456789012-1234567890123-SlackUserTokenTwo06"),
			within("https://hooks.slack.com/services/T00000000/B00000000/SlackHookSecret07", "SlackHookSecret07"),
			// private keys
			within("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAprivateKeyBodyOne08\n-----END RSA PRIVATE KEY-----",
					"MIIEpAIBAAKCAQEAprivateKeyBodyOne08"),
			within("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCprivateKeyBodyTwo09\n-----END PRIVATE KEY-----",
					"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCprivateKeyBodyTwo09"),
			within("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAprivateKeyBodyThree10\n-----END OPENSSH PRIVATE KEY-----",
					"b3BlbnNzaC1rZXktdjEAAAAAprivateKeyBodyThree10"),
			// secret-named pairs
			within("password=Hunter2Pair11", "Hunter2Pair11"),
			within("db password: Hunter2Pair12", "Hunter2Pair12"),
			within("passwd=Hunter2Pair13", "Hunter2Pair13"),
			within("pwd=Hunter2Pair14", "Hunter2Pair14"),
			within("secret=Hunter2Pair15", "Hunter2Pair15"),
			within("client_secret=Hunter2Pair16", "Hunter2Pair16"),
			within("token=Hunter2Pair17", "Hunter2Pair17"),
			within("api_key=Hunter2Pair18", "Hunter2Pair18"),
			within("apiKey: Hunter2Pair19", "Hunter2Pair19"),
			within("access_key='Hunter2Pair20'", "Hunter2Pair20"),
			within("{\"password\":\"Hunter2Pair21\"}", "Hunter2Pair21"),
			within("{\"clientSecret\": \"Hunter2Pair22\"}", "Hunter2Pair22"),
			within("private_key=Hunter2Pair23", "Hunter2Pair23"),
			within("credentials=Hunter2Pair24", "Hunter2Pair24"),
			within("session_id=Hunter2Pair25", "Hunter2Pair25"),
			within("auth_key=Hunter2Pair26", "Hunter2Pair26"),
			within("passphrase=Hunter2Pair27", "Hunter2Pair27"),
			within("jdbc:postgresql://db:5432/shop?user=app&password=Hunter2Pair28", "Hunter2Pair28"),
			within("-Dspring.datasource.password=Hunter2Pair29", "Hunter2Pair29"),
			// card numbers that pass the Luhn check
			whole("4111111111111111"),
			whole("5500 0000 0000 0004"),
			whole("3782-822463-10005"),
			whole("6011111111111117"),
			whole("4012888888881881"),
			whole("3530111333300000"),
			whole("5105-1051-0510-5100"),
			// credentials in URLs
			within("https://ada:UrlPassword30@api.example.com/v1", "UrlPassword30"),
			within("postgres://app:UrlPassword31@db.internal:5432/shop", "UrlPassword31"),
			within("https://ghp_UrlUserInfoTokenABCDEFGHIJKLMNOP32@github.com/org/repo.git",
					"ghp_UrlUserInfoTokenABCDEFGHIJKLMNOP32"),
			within("https://api.example.com/cb?code=OauthCode33&state=OauthState34", "OauthCode33"),
			within("https://api.example.com/cb?code=OauthCode35&state=OauthState36", "OauthState36"));

	private SecretCorpus() {
	}

	private static Secret whole(String secret) {
		return new Secret(secret, secret);
	}

	private static Secret within(String text, String needle) {
		return new Secret(text, needle);
	}

}
