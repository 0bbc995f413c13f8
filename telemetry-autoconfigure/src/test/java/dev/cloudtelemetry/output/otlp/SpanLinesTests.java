package dev.cloudtelemetry.output.otlp;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SpanLines} against the byte-by-byte definitions, on random bytes and on lines shaped like the encoder's.
 */
class SpanLinesTests {

	@Test
	void findsTheFirstLineFeedWhereverItIs() {
		SplittableRandom random = new SplittableRandom(42);
		for (int round = 0; round < 20_000; round++) {
			byte[] bytes = new byte[random.nextInt(1, 80)];
			for (int i = 0; i < bytes.length; i++) {
				// bytes next to '\n' (0x0A) and 0x8A, which share its low bits, are where a word trick would slip
				int kind = random.nextInt(8);
				bytes[i] = (byte) ((kind == 0) ? '\n' : (kind == 1) ? 0x8A : (kind == 2) ? 0x0B : (kind == 3) ? 0x09
						: random.nextInt(256));
			}
			int from = random.nextInt(bytes.length + 1);
			int end = from + random.nextInt(bytes.length - from + 1);
			assertThat(SpanLines.lineFeed(bytes, from, end)).as("round %d", round).isEqualTo(naive(bytes, from, end));
		}
	}

	@Test
	void findsAnyByteAndAnyPatternWhereverTheyAre() {
		SplittableRandom random = new SplittableRandom(43);
		for (int round = 0; round < 20_000; round++) {
			byte wanted = (byte) random.nextInt(256);
			byte[] bytes = new byte[random.nextInt(1, 80)];
			for (int i = 0; i < bytes.length; i++) {
				int kind = random.nextInt(6);
				bytes[i] = (byte) ((kind == 0) ? wanted : (kind == 1) ? wanted ^ 0x80 : (kind == 2) ? wanted + 1
						: (kind == 3) ? wanted - 1 : random.nextInt(256));
			}
			int from = random.nextInt(bytes.length + 1);
			int end = from + random.nextInt(bytes.length - from + 1);
			assertThat(SpanLines.indexOf(bytes, from, end, wanted)).as("round %d", round)
				.isEqualTo(naive(bytes, from, end, new byte[] { wanted }));
			byte[] pattern = { wanted, (byte) (wanted + 1), wanted };
			assertThat(SpanLines.indexOf(bytes, from, end, pattern)).as("round %d", round)
				.isEqualTo(naive(bytes, from, end, pattern));
		}
	}

	@Test
	void countsLinesAndTheLinesThatEndASpan() {
		String entry = "{\"schema\":{\"format\":\"telemetry.v2\"},\"event_type\":\"function_entry\",\"duration_ns\":null,\"message\":\"a\\nb\"}\n";
		String exit = "{\"schema\":{\"format\":\"telemetry.v2\"},\"event_type\":\"function_exit\",\"duration_ns\":1200,\"message\":\"\"}\n";
		StringBuilder batch = new StringBuilder();
		int lines = 0;
		int spans = 0;
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 500; i++) {
			boolean ends = random.nextBoolean();
			batch.append(ends ? exit : entry);
			lines++;
			spans += ends ? 1 : 0;
		}
		byte[] bytes = ("xx" + batch + "{\"torn\"").getBytes(StandardCharsets.UTF_8);
		long count = SpanLines.count(bytes, 2, bytes.length - 2);
		assertThat(SpanLines.lines(count)).isEqualTo(lines);
		assertThat(SpanLines.spans(count)).isEqualTo(spans);
	}

	private static int naive(byte[] bytes, int from, int end) {
		return naive(bytes, from, end, new byte[] { '\n' });
	}

	private static int naive(byte[] bytes, int from, int end, byte[] wanted) {
		outer: for (int i = from; i <= end - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (bytes[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
