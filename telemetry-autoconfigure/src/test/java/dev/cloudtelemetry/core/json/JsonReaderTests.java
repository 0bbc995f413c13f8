package dev.cloudtelemetry.core.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonReaderTests {

	@Test
	void readsWhatTheWriterWrites() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("provider", "aws");
		document.put("escapes", "quote \" backslash \\ tab \t newline \n unicode é 日本 😀 \u0001");
		document.put("count", 42L);
		document.put("negative", -7L);
		document.put("ratio", 0.25);
		document.put("flag", true);
		document.put("nothing", null);
		document.put("labels", Map.of("app", "payment-api"));
		document.put("services", List.of("a", "b"));
		String text = new JsonWriter(16).value(document).toString();
		assertThat(JsonReader.parse(text)).isEqualTo(document);
	}

	@Test
	void readsDocumentsAsMetadataServicesWriteThem() {
		Object value = JsonReader.parse("""
				{
				  "accountId" : "123456789012",
				  "architecture" : "x86_64",
				  "availabilityZone" : "us-east-1a",
				  "devpayProductCodes" : null,
				  "marketplaceProductCodes" : [ "1abc2defghijklm3nopqrs4tu" ],
				  "pendingTime" : "2016-11-19T16:32:11Z",
				  "version" : "2017-09-30",
				  "revision": 1.5e3,
				  "escaped": "\\u0041\\/\\"x\\""
				}
				""");
		assertThat(value).isInstanceOf(Map.class);
		Map<?, ?> map = (Map<?, ?>) value;
		assertThat(map.get("accountId")).isEqualTo("123456789012");
		assertThat(map.get("devpayProductCodes")).isNull();
		assertThat(map.get("marketplaceProductCodes")).isEqualTo(List.of("1abc2defghijklm3nopqrs4tu"));
		assertThat(map.get("revision")).isEqualTo(1500.0);
		assertThat(map.get("escaped")).isEqualTo("A/\"x\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"unterminated", "nul", "{} {}",
			"{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{a:1}", "<html>", "1.2.3", "{\"a\":\"line\nfeed\"}" })
	void rejectsMalformedDocumentsWithAClearError(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.parse(text))
			.withMessageStartingWith("Invalid JSON at offset");
	}

	@Test
	void rejectsHostileNesting() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.parse("[".repeat(10_000)))
			.withMessageContaining("nested deeper");
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "00", "01", "-01", "1.", "1.e5", "-", "1e", "1e+", ".5",
			"+1", "0x10", "1..2", "6e766", "-1e400" })
	void numbersOutsideTheJsonGrammarAreRejected(String number) {
		// found by the jsonReader fuzz target: "00" was read as 0, "6e766" as Infinity (written back as null)
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.parse(number));
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "0", "-0", "10", "1.5", "-0.25", "1e5", "1E-7", "2.5e+3" })
	void numbersOfTheJsonGrammarAreRead(String number) {
		org.assertj.core.api.Assertions.assertThat(JsonReader.parse(number)).isInstanceOf(Number.class);
	}

	@org.junit.jupiter.api.Test
	void unicodeEscapesTakeOnlyAsciiHexDigits() {
		// found by the jsonReader fuzz target: Character.digit took U+1C49 (an Ol Chiki digit) as a hex digit
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> JsonReader.parse("\"\\u00\u1c49a\""));
		org.assertj.core.api.Assertions.assertThat(JsonReader.parse("\"\\u00E9\\u00e9\"")).isEqualTo("\u00e9\u00e9");
	}

}
