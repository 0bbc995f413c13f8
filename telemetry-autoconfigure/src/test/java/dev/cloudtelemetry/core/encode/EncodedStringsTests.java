package dev.cloudtelemetry.core.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.json.JsonWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder's table of strings written before: whatever it keeps, it writes exactly what
 * {@link JsonWriter#string(CharSequence, int)} writes, and it keeps what is in use.
 */
class EncodedStringsTests {

	private final EncodedStrings strings = new EncodedStrings();

	@Test
	void writesWhatTheWriterWritesForEveryStringLimitAndRepetition() {
		Random random = new Random(7);
		String[] texts = { "", "plain", "com.example.shop.OrderService", "with \"quotes\" and \\", "line\nfeed",
				"caf\u00e9", "emoji \ud83d\ude00", "lone \ud83d", "\u2028", "x".repeat(EncodedStrings.MAX_CHARS),
				"x".repeat(EncodedStrings.MAX_CHARS + 1), "Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB" };
		int[] limits = { Integer.MAX_VALUE, 3, 10, 1, 0 };
		JsonWriter cached = new JsonWriter(64);
		JsonWriter plain = new JsonWriter(64);
		for (int i = 0; i < 20_000; i++) {
			String text = texts[random.nextInt(texts.length)];
			// the same instance, an equal copy, or null
			String written = (i % 3 == 0) ? new String(text.toCharArray()) : (i % 101 == 0) ? null : text;
			int limit = limits[random.nextInt(limits.length)];
			this.strings.write(written, limit, cached);
			plain.string(written, limit);
		}
		assertThat(cached.toString()).isEqualTo(plain.toString());
	}

	@Test
	void keepsAStringOnceItWasSeenTwiceWithTheSameLimitWhetherTheSameInstanceOrAnEqualOne() {
		String namespace = "com.example.shop.OrderService";
		write(namespace, 100);
		assertThat(this.strings.keeps(namespace, 100)).isFalse();
		write(new String(namespace.toCharArray()), 100);
		assertThat(this.strings.keeps(namespace, 100)).isTrue();
		assertThat(this.strings.keeps(namespace, 10)).isFalse();
	}

	@Test
	void twoStringsInUseThatHashToOnePairAreBothKept() {
		// "Aa" and "BB" have the same hash
		assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
		for (int i = 0; i < 4; i++) {
			write("Aa", 100);
			write("BB", 100);
		}
		assertThat(this.strings.keeps("Aa", 100)).isTrue();
		assertThat(this.strings.keeps("BB", 100)).isTrue();
	}

	@Test
	void valuesThatChangeWithEveryEventAreNeverKeptAndLongOnesNotAtAll() {
		List<String> unique = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			String value = "value " + i;
			unique.add(value);
			write(value, 100);
		}
		assertThat(unique).noneMatch((value) -> this.strings.keeps(value, 100));
		String longer = "y".repeat(EncodedStrings.MAX_CHARS + 1);
		write(longer, Integer.MAX_VALUE);
		write(longer, Integer.MAX_VALUE);
		assertThat(this.strings.keeps(longer, Integer.MAX_VALUE)).isFalse();
	}

	private void write(String text, int limit) {
		this.strings.write(text, limit, new JsonWriter(64));
	}

}
