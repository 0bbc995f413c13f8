package dev.cloudtelemetry.core.encode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CutTextTests {

	@Test
	void aTextWithinTheLimitIsReturnedAsItIs() {
		String text = "a".repeat(64);
		assertThat(CutText.within(text, 64)).isSameAs(text);
		assertThat(CutText.within(new StringBuilder("abc"), 3, 64)).isEqualTo("abc");
	}

	@Test
	void aLongerTextKeepsItsBeginningAndTheMarkerFitsWithinTheLimit() {
		String text = "0123456789".repeat(1_000);
		String cut = CutText.within(text, 64);
		assertThat(cut).hasSizeLessThanOrEqualTo(64).endsWith(" chars]");
		String kept = cut.substring(0, cut.indexOf("...[truncated "));
		assertThat(text).startsWith(kept);
		assertThat(cut).isEqualTo(kept + "...[truncated " + (10_000 - kept.length()) + " chars]");
		// the marker's digits take the room they need: 64 - 14 - 5 - 7 characters are kept
		assertThat(kept).hasSize(38);
	}

	@Test
	void onlyTheBeginningOfAHugeTextNeedsToBeBuilt() {
		StringBuilder start = new StringBuilder("x".repeat(100));
		assertThat(CutText.within(start, 5_000_000_000L, 100)).isEqualTo("x".repeat(100 - 14 - 10 - 7)
				+ "...[truncated " + (5_000_000_000L - 69) + " chars]");
	}

	@Test
	void aSurrogatePairIsNeverSplit() {
		String text = "a".repeat(41) + "\uD83D\uDE00" + "b".repeat(100);
		// 64 - 14 - 3 - 7 = 40 characters would be kept; the 41st and 42nd are a pair
		assertThat(CutText.within(text, 64)).startsWith("a".repeat(40) + "...");
		String pair = "a".repeat(39) + "\uD83D\uDE00" + "b".repeat(100);
		assertThat(CutText.within(pair, 64)).isEqualTo("a".repeat(39) + "...[truncated " + (141 - 39) + " chars]");
	}

}
