package dev.cloudtelemetry.metadata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTests {

	@Test
	void onlyObjectsAreAccepted() {
		assertThat(Json.parseObject("{\"region\":\"us-east-1\"}")).containsEntry("region", "us-east-1");
		assertThat(Json.parseObject("[1,2]")).isNull();
		assertThat(Json.parseObject("\"text\"")).isNull();
		assertThat(Json.parseObject("")).isNull();
		assertThat(Json.parseObject(null)).isNull();
	}

	@Test
	void hostileDocumentsAreRejectedQuietly() {
		assertThat(Json.parseObject("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")).isNull();
		assertThat(Json.parseObject("{\"a\":1,")).isNull();
		assertThat(Json.parseObject("<html>404</html>")).isNull();
		assertThat(Json.parseObject("{\"a\":\"\\ud800\"}")).isNotNull();
	}

	@Test
	void typedAccessorsNeverFail() {
		var document = Json.parseObject("{\"n\":5,\"s\":\"x\",\"o\":{\"k\":\"v\",\"i\":1},\"l\":[{\"a\":\"b\"}],\"e\":[]}");
		assertThat(Json.string(document, "n")).isEqualTo("5");
		assertThat(Json.string(document, "o")).isNull();
		assertThat(Json.object(document, "s")).isNull();
		assertThat(Json.firstObject(document, "l")).containsEntry("a", "b");
		assertThat(Json.firstObject(document, "e")).isNull();
		assertThat(Json.stringMap(document, "o")).containsOnlyKeys("k");
		assertThat(Json.string(null, "x")).isNull();
	}

}
