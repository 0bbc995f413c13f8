package dev.cloudtelemetry.core.redact;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.redact.Field;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPatternRedactorTests {

	private final SecretPatternRedactor redactor = new SecretPatternRedactor(false);

	/** Each case: the text, then the secret in it that must not survive. */
	static List<String[]> secrets() {
		return List.of(
				pair("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlX2hlcmU rejected",
						"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlX2hlcmU"),
				pair("jwt=eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwcyJ9.", "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ"),
				pair("Authorization: Bearer abcdef0123456789ABCDEF.ghij", "abcdef0123456789ABCDEF"),
				pair("header authorization=bearer Zm9vYmFyYmF6cXV4", "Zm9vYmFyYmF6cXV4"),
				pair("sent Basic YWxhZGRpbjpvcGVuc2VzYW1l to host", "YWxhZGRpbjpvcGVuc2VzYW1l"),
				pair("key AKIAIOSFODNN7EXAMPLE in use", "AKIAIOSFODNN7EXAMPLE"),
				pair("ASIAY34FZKBOKMUTVV7A expired", "ASIAY34FZKBOKMUTVV7A"),
				pair("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
						"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
				pair("AWS secret key: \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
						"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
				pair("clone https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r failed",
						"ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
				pair("gho_16C7e42F292c6912E7710c838347Ae178B4a used", "gho_16C7e42F292c6912E7710c838347Ae178B4a"),
				pair("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_pat_11ABCDEFG0123456789"),
				pair("GitLab said no to glpat-xYz12AbC34dEf56GhI78j", "glpat-xYz12AbC34dEf56GhI78j"),
				pair("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012"),
				pair("post to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
						"T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
				pair("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2\n-----END RSA PRIVATE KEY-----",
						"MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2"),
				pair("key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC (truncated)",
						"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
				pair("login failed for password=hunter2!", "hunter2!"),
				pair("spring.datasource.password=s3cr3t-Value", "s3cr3t-Value"),
				pair("{\"db\":{\"password\":\"p@ss w0rd\"}}", "p@ss w0rd"),
				pair("client_secret='abc123def456'", "abc123def456"),
				pair("config secret: TopSecretValue42", "TopSecretValue42"),
				pair("url?access_token=ya29.a0AfH6SMBx&x=1", "ya29.a0AfH6SMBx"),
				pair("X-Api-Key: 9f8e7d6c5b4a", "9f8e7d6c5b4a"),
				pair("apikey=ZXhhbXBsZWtleQ", "ZXhhbXBsZWtleQ"),
				pair("credentials=admin:admin123", "admin:admin123"),
				pair("passwd:letmein99", "letmein99"),
				pair("JSESSIONID / session_id=8F2A9C0D1E3B", "8F2A9C0D1E3B"),
				pair("paid with 4111 1111 1111 1111 today", "4111 1111 1111 1111"),
				pair("card 5500-0000-0000-0004 declined", "5500-0000-0000-0004"),
				pair("amex 378282246310005", "378282246310005"),
				pair("private_key=MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
						"MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu"));
	}

	private static String[] pair(String text, String secret) {
		return new String[] { text, secret };
	}

	@ParameterizedTest
	@MethodSource("secrets")
	void aSecretOfAKnownShapeDoesNotSurvive(String text, String secret) {
		assertThat(text).contains(secret);
		String redacted = this.redactor.redact(text);
		assertThat(redacted).doesNotContain(secret).contains(SecretPatternRedactor.MASK);
		assertThat(this.redactor.redact(redacted)).as("idempotent").isEqualTo(redacted);
	}

	@ParameterizedTest
	@ValueSource(strings = { "java.lang.IllegalStateException: Order 42 not found",
			"Connection refused: localhost/127.0.0.1:5432", "could not execute statement [select * from orders where id=?]",
			"timestamp 1795239302212995693 is late", "order 4111111111111112 (fails Luhn)", "Bearer",
			"\tat com.example.OrderService.place(OrderService.java:42)", "the key was accepted: yes-ish" })
	void ordinaryTextIsLeftAsItIs(String text) {
		String redacted = this.redactor.redact(text);
		if (text.startsWith("the key")) {
			// "key" alone is not a secret word
			assertThat(redacted).isEqualTo(text);
		}
		assertThat(redacted).isSameAs(text);
	}

	@Test
	void quotedValuesKeepTheirQuotes() {
		assertThat(this.redactor.redact("{\"password\":\"x y z\",\"user\":\"ada\"}"))
			.isEqualTo("{\"password\":\"******\",\"user\":\"ada\"}");
	}

	@Test
	void aValueMaskedByTheUrlRedactorKeepsTheRestOfItsUrl() {
		SecretPatternRedactor redactor = new SecretPatternRedactor(false);
		assertThat(redactor.redact("https://h/pen;jsessionid=REDACTED?state=REDACTED&size=2"))
			.isEqualTo("https://h/pen;jsessionid=REDACTED?state=REDACTED&size=2");
		assertThat(redactor.redact("https://h/pen;jsessionid=REDACTED?token=abc123&size=2"))
			.isEqualTo("https://h/pen;jsessionid=REDACTED?token=******&size=2");
		// a value that merely starts with the mask is a value
		assertThat(redactor.redact("password=REDACTEDhunter2 ok")).isEqualTo("password=****** ok");
	}

	@Test
	void emailsAreMaskedOnlyWhenAsked() {
		String text = "no user alice@example.com here";
		assertThat(this.redactor.redact(text)).isSameAs(text);
		assertThat(new SecretPatternRedactor(true).redact(text)).isEqualTo("no user ****** here");
	}

	@Test
	void longTextWithoutSecretsIsScannedInLinearTime() {
		String text = "a".repeat(200_000) + "=" + "password".repeat(1) + "x".repeat(200_000);
		assertThat(this.redactor.redact(text)).hasSize(text.length());
	}

	@Test
	void luhn() {
		assertThat(SecretPatternRedactor.passesLuhn("4111111111111111")).isTrue();
		assertThat(SecretPatternRedactor.passesLuhn("4111111111111112")).isFalse();
		assertThat(SecretPatternRedactor.passesLuhn("411111111111")).isFalse();
	}

	@Test
	void aSecretInPercentEncodedTextIsFoundDecoded() {
		assertThat(this.redactor.redact(dev.cloudtelemetry.redact.Field.attribute("http.url"),
				"https://shop.example.com/echo?note=password%3DHunter2+x&page=2"))
			.doesNotContain("Hunter2")
			.contains("password=******");
		String plain = "https://shop.example.com/search?q=blue%20mugs";
		assertThat(this.redactor.redact(dev.cloudtelemetry.redact.Field.attribute("http.url"), plain)).isSameAs(plain);
	}

	@Test
	void aPathNamingNoSecretWordIsLeftAsItIs() {
		String url = "https://shop.example.com/api/orders/42?expand=lines&access=full";
		assertThat(this.redactor.redact(url)).isSameAs(url);
	}

	@Test
	void namesTakenFromTheCodeAreNotScanned() {
		String name = "password=not-a-secret-but-a-method-name";
		assertThat(this.redactor.redact(dev.cloudtelemetry.redact.Field.attribute("code.function"), name)).isSameAs(name);
		assertThat(this.redactor.redact(dev.cloudtelemetry.redact.Field.attribute("thread.name"), name))
			.isEqualTo("password=******");
	}

	/** The durations a traced call's exit message ends with, around each boundary the scan cares about. */
	static final List<String> DURATIONS = List.of("0.00ms)", "0.01ms)", "9.99ms)", "12.34ms)", "4111.11ms)",
			"411111111111.11ms)", "999999999999.99ms)", "123456789012.34ms)", "1.00ms)");

	/** Texts before a duration: the corpus of secrets, ordinary text, and each cut where a duration could join it. */
	static List<String> prefixes() {
		List<String> texts = new java.util.ArrayList<>(List.of("Function 'OrderService.placeOrder' exit (",
				"Function 'OrderService.placeOrder' cancelled (", "", "(", "Function 'x' exit (", "card 4111 1111 1111 ",
				"card 4111 1111 1111-", "card 4111111111", "pay 4111 1111 1111 1", "password=", "password: (",
				"Function 'Secrets.password=' exit (", "token=(", "aws secret key ", "aws secret key=(", "note=password%3D",
				"a+b (", "mail@example.com (", "eyJ", "Bearer (", "Bearer ", "-----BEGIN PRIVATE KEY-----(",
				"AKIA", "AKIAIOSFODNN7EXAMP", "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r", "xoxb-1234567890-", "s",
				"se", "secret", "sessionid=", "caf\u00e9 (", "emoji \ud83d\ude00 (", "lone \ud83d"));
		for (String[] secret : secrets()) {
			String text = secret[0];
			texts.add(text);
			texts.add(text + " (");
			for (int cut = 1; cut < text.length(); cut += 3) {
				texts.add(text.substring(0, cut));
			}
		}
		return texts;
	}

	@Test
	void aPrefixVouchedForStaysUnchangedWhateverDurationFollowsIt() {
		SecretPatternRedactor withEmails = new SecretPatternRedactor(true);
		int vouched = 0;
		for (SecretPatternRedactor redactor : List.of(this.redactor, withEmails)) {
			for (Field field : List.of(Field.MESSAGE, Field.attribute("note"), Field.attribute("code.function"))) {
				for (String prefix : prefixes()) {
					if (redactor.passesWithMillis(field, prefix)) {
						vouched++;
						for (String duration : DURATIONS) {
							String message = prefix + duration;
							assertThat(redactor.redact(field, message)).as(message).isEqualTo(message);
						}
					}
				}
			}
		}
		assertThat(vouched).isGreaterThan(100);
		assertThat(this.redactor.passesWithMillis(Field.MESSAGE, "Function 'OrderService.placeOrder' exit (")).isTrue();
		assertThat(this.redactor.passesWithMillis(Field.MESSAGE, "card 4111111111")).isFalse();
		assertThat(this.redactor.passesWithMillis(Field.MESSAGE, "password: (")).isFalse();
		assertThat(withEmails.passesWithMillis(Field.MESSAGE, "mail@example.com (")).isFalse();
	}

	@Test
	void valuesOfCodeNamesPassWhateverTheyAre() {
		assertThat(this.redactor.passesEveryValue(Field.attribute("code.namespace"))).isTrue();
		assertThat(this.redactor.redact(Field.attribute("code.namespace"), "password=hunter2"))
			.isEqualTo("password=hunter2");
		assertThat(this.redactor.passesEveryValue(Field.attribute("thread.name"))).isFalse();
		assertThat(this.redactor.passesEveryValue(Field.MESSAGE)).isFalse();
	}

}
