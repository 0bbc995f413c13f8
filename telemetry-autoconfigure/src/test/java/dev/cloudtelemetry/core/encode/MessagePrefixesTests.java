package dev.cloudtelemetry.core.encode;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.PureRedactor;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.redact.Field;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texts before a duration are escaped and checked by the redactors once each, whatever their hashes.
 */
class MessagePrefixesTests {

	@Test
	void textsWhoseHashesCollideAreCheckedByTheRedactorsOnceEach() {
		// "Aa" and "BB" have the same String.hashCode: in the table of 256 slots this was, the two texts replaced
		// each other, and every use escaped the text and asked the redactors again
		String first = "Function 'OrderService.Aa' exit (";
		String second = "Function 'OrderService.BB' exit (";
		assertThat(first.hashCode()).isEqualTo(second.hashCode());
		AtomicInteger asked = new AtomicInteger();
		PureRedactor vouching = new PureRedactor() {

			@Override
			public String redact(Field field, String value) {
				return value;
			}

			@Override
			public boolean passesWithMillis(Field field, String prefix) {
				asked.incrementAndGet();
				return true;
			}

		};
		MessagePrefixes prefixes = new MessagePrefixes(Redactors.of(List.of(vouching)), 1000);
		JsonWriter out = new JsonWriter(256);
		for (int i = 0; i < 5; i++) {
			out.reset();
			assertThat(prefixes.write(first, 1_234_567, out)).isTrue();
			assertThat(out.toString()).isEqualTo("\"Function 'OrderService.Aa' exit (1.23ms)\"");
			out.reset();
			assertThat(prefixes.write(second, 7_000_000, out)).isTrue();
			assertThat(out.toString()).isEqualTo("\"Function 'OrderService.BB' exit (7.00ms)\"");
		}
		assertThat(asked).hasValue(2);
		assertThat(prefixes.size()).isEqualTo(2);
	}

	@Test
	void keepsABoundedNumberOfTexts() {
		MessagePrefixes prefixes = new MessagePrefixes(Redactors.NONE, 1000);
		JsonWriter out = new JsonWriter(256);
		for (int i = 0; i < 3 * MessagePrefixes.MAX_ENTRIES; i++) {
			out.reset();
			assertThat(prefixes.write("Function 'Generated.method" + i + "' exit (", 5_000, out)).isTrue();
			assertThat(out.toString()).isEqualTo("\"Function 'Generated.method" + i + "' exit (0.01ms)\"");
			assertThat(prefixes.size()).isBetween(1, MessagePrefixes.MAX_ENTRIES);
		}
	}

}
