package dev.cloudtelemetry.core.context;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdsTests {

	@Test
	void theDerivedSpanIdIsABijectionThatMapsOnlyZeroToZero() {
		// a root draws its trace id once and derives its span id: any non-zero trace id must give a non-zero
		// span id, which holds because the derivation can be undone and maps zero to zero
		assertThat(TraceIds.derivedSpanId(0)).isZero();
		SplittableRandom random = new SplittableRandom(42);
		long[] edges = { 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 33, 0xff51afd7ed558ccdL };
		for (long id : edges) {
			assertThat(undo(TraceIds.derivedSpanId(id))).isEqualTo(id);
			assertThat(TraceIds.derivedSpanId(id)).isNotZero();
		}
		for (int i = 0; i < 1_000_000; i++) {
			long id = random.nextLong();
			assertThat(undo(TraceIds.derivedSpanId(id))).isEqualTo(id);
		}
	}

	@Test
	void aRootTraceIdIsNeverZeroNorDerivesAZeroSpanId() {
		for (int i = 0; i < 100_000; i++) {
			long id = TraceIds.randomRootTraceIdLow();
			assertThat(id).isNotZero();
			assertThat(TraceIds.derivedSpanId(id)).isNotZero();
		}
	}

	/** The inverse of MurmurHash3's 64-bit finalizer. */
	private static long undo(long value) {
		long x = value;
		x = unshift(x);
		x *= inverse(0xc4ceb9fe1a85ec53L);
		x = unshift(x);
		x *= inverse(0xff51afd7ed558ccdL);
		return unshift(x);
	}

	/** Undoes {@code x ^= x >>> 33} (applying it twice gives x back for a shift of at least 32). */
	private static long unshift(long x) {
		return x ^ (x >>> 33);
	}

	/** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
	private static long inverse(long odd) {
		long inverse = odd;
		for (int i = 0; i < 6; i++) {
			inverse *= 2 - odd * inverse;
		}
		return inverse;
	}

}
