package dev.cloudtelemetry.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private String roundTrip(String text) {
		JsonWriter writer = new JsonWriter(8);
		writer.string(text);
		return this.mapper.readTree(writer.toString()).asString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "quote \" backslash \\ slash /", "line\nfeed\rreturn\ttab\bback\fform",
			"control \u0000 \u0001 \u001f", "unicode é ß 日本語", "emoji 😀 and 𝄞", "separators \u2028 \u2029",
			"a longer string that is well past the initial capacity of the buffer to force it to grow several times" })
	void stringsRoundTripThroughARealParser(String text) {
		assertThat(roundTrip(text)).isEqualTo(text);
	}

	/**
	 * Strings are written from a bulk copy of their chars up to the first char that needs escaping or more
	 * than one byte; any other char sequence char by char. Both must give the same bytes, wherever the first
	 * such char is, whatever the length (the copy serves strings up to 512 chars).
	 */
	@Test
	void aStringIsWrittenAsAnyOtherCharSequenceWithTheSameChars() {
		String[] specials = { "", "\"", "\\", "\n", "\u0001", "\u007f", "é", "ÿ", "Ł", "日", "😀", "\uD800", "\u2028" };
		for (int length : new int[] { 0, 1, 7, 64, 511, 512, 513, 2000 }) {
			for (String special : specials) {
				for (int at : new int[] { 0, length / 2, length }) {
					String text = "x".repeat(at) + special + "y".repeat(Math.max(0, length - at));
					JsonWriter fromString = new JsonWriter(8);
					fromString.string(text);
					JsonWriter fromBuilder = new JsonWriter(8);
					fromBuilder.string(new StringBuilder(text));
					assertThat(fromString.toByteArray()).as("%d chars, %s at %d", length, special, at)
						.isEqualTo(fromBuilder.toByteArray());
				}
			}
		}
		// a buffer reused after a long string, and a partly filled one
		JsonWriter reused = new JsonWriter(8);
		reused.ascii("{\"a\":").string("é".repeat(300)).ascii(",\"b\":").string("plain " + "z".repeat(600)).raw((byte) '}');
		assertThat(this.mapper.readTree(reused.toString()).get("b").asString()).isEqualTo("plain " + "z".repeat(600));
	}

	@Test
	void loneSurrogatesBecomeTheReplacementCharacterAndKeepTheLineValid() {
		assertThat(roundTrip("bad \uD800 end")).isEqualTo("bad \uFFFD end");
		assertThat(roundTrip("bad \uDC00")).isEqualTo("bad \uFFFD");
	}

	@Test
	void numbersAreWrittenExactly() {
		for (long value : new long[] { 0, 1, -1, 9, 10, 99, 100, 1730291040123456789L, Long.MAX_VALUE, Long.MIN_VALUE }) {
			JsonWriter writer = new JsonWriter(4);
			writer.number(value);
			assertThat(writer.toString()).isEqualTo(Long.toString(value));
		}
	}

	@Test
	void everyNumberOfDigitsIsWrittenAsLongToStringWritesIt() {
		List<Long> values = new java.util.ArrayList<>();
		for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
			for (long near = -2; near <= 2; near++) {
				values.add(power + near);
				values.add(-(power + near));
				values.add(power * 10 + near);
			}
		}
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 10_000; i++) {
			values.add(random.nextLong() >> random.nextInt(64));
		}
		values.addAll(List.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
		// where the digits of a long give way to those of an int
		for (long near = -2; near <= 2; near++) {
			for (long edge : new long[] { Integer.MAX_VALUE, Integer.MAX_VALUE * 100L, Integer.MAX_VALUE * 100L + 99 }) {
				values.add(edge + near);
				values.add(-(edge + near));
			}
		}
		JsonWriter writer = new JsonWriter(4);
		StringBuilder expected = new StringBuilder();
		for (long value : values) {
			writer.number(value).raw((byte) ',');
			expected.append(value).append(',');
		}
		assertThat(writer.toString()).isEqualTo(expected.toString());
	}

	@Test
	void hexIsLowercaseAndZeroPadded() {
		JsonWriter writer = new JsonWriter(4);
		writer.hex(0x00ab_0000_0000_00ffL).raw((byte) ' ').hex(0x0000_00ff);
		assertThat(writer.toString()).isEqualTo("00ab0000000000ff 000000ff");
	}

	@Test
	void hexMatchesTheJdkForEveryNibbleInEveryPositionAndRandomValues() {
		SplittableRandom random = new SplittableRandom(20261201);
		List<Long> values = new ArrayList<>(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123_4567_89ab_cdefL,
				0xfedc_ba98_7654_3210L, 0x9999_9999_9999_9999L, 0xaaaa_aaaa_aaaa_aaaaL));
		for (int position = 0; position < 16; position++) {
			for (long nibble = 0; nibble < 16; nibble++) {
				values.add(nibble << (4 * position));
			}
		}
		for (int i = 0; i < 100_000; i++) {
			values.add(random.nextLong());
		}
		JsonWriter writer = new JsonWriter(16);
		for (long value : values) {
			writer.reset();
			writer.raw((byte) '"').hex(value).hex((int) value).raw((byte) '"');
			String expected = "\"%016x%08x\"".formatted(value, (int) value);
			assertThat(writer.toString()).isEqualTo(expected);
		}
	}

	@Test
	void nestedValuesAreValidJson() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("string", "x\"y");
		map.put("number", 42);
		map.put("double", 1.5);
		map.put("nan", Double.NaN);
		map.put("bool", true);
		map.put("null", null);
		map.put("list", List.of("a", 1, false));
		map.put("nested", Map.of("k", "v"));
		JsonWriter writer = new JsonWriter(16);
		writer.object(map);
		JsonNode node = this.mapper.readTree(writer.toString());
		assertThat(node.get("string").asString()).isEqualTo("x\"y");
		assertThat(node.get("number").asInt()).isEqualTo(42);
		assertThat(node.get("double").asDouble()).isEqualTo(1.5);
		assertThat(node.get("nan").isNull()).isTrue();
		assertThat(node.get("list").size()).isEqualTo(3);
		assertThat(node.get("nested").get("k").asString()).isEqualTo("v");
		assertThat(writer.toString()).startsWith("{\"string\":");
	}

}
