package dev.cloudtelemetry.output.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SpanAttributes} holds what the SDK's {@code Attributes.builder()} would, for the same puts in the same
 * order: the SDK's builder is the oracle.
 */
class SpanAttributesTests {

	private static final List<String> NAMES = List.of("a", "b", "code.function", "thread.name", "", "x.y",
			"http.response.status_code");

	@Test
	void randomPutsHoldWhatTheSdkBuilderHolds() {
		Random random = new Random(20261130);
		SpanAttributes.Builder builder = new SpanAttributes.Builder();
		for (int round = 0; round < 2000; round++) {
			AttributesBuilder sdk = Attributes.builder();
			builder.clear();
			int puts = random.nextInt(40);
			for (int i = 0; i < puts; i++) {
				String name = (random.nextInt(8) == 0) ? "n" + random.nextInt(30) : NAMES.get(random.nextInt(NAMES.size()));
				switch (random.nextInt(6)) {
					case 0 -> put(sdk, builder, AttributeKey.stringKey(name), random.nextBoolean() ? "v" + i : null);
					case 1 -> put(sdk, builder, AttributeKey.longKey(name), (long) i);
					case 2 -> put(sdk, builder, AttributeKey.doubleKey(name), i + 0.5);
					case 3 -> put(sdk, builder, AttributeKey.booleanKey(name), i % 2 == 0);
					case 4 -> put(sdk, builder, AttributeKey.stringArrayKey(name), List.of("s" + i));
					default -> {
						sdk.put(name, "again");
						builder.put(name, "again");
					}
				}
			}
			Attributes wanted = sdk.build();
			Attributes attributes = builder.build();
			assertThat(attributes).isEqualTo(wanted);
			assertThat(attributes.asMap()).isEqualTo(wanted.asMap());
			assertThat(attributes.size()).isEqualTo(wanted.size());
			assertThat(attributes.isEmpty()).isEqualTo(wanted.isEmpty());
			assertThat(attributes.hashCode()).isEqualTo(wanted.hashCode());
			List<String> names = new ArrayList<>();
			attributes.forEach((key, value) -> {
				names.add(key.getKey());
				assertThat(wanted.get(key)).isEqualTo(value);
				assertThat(attributes.get(key)).isEqualTo(value);
			});
			assertThat(names).doesNotHaveDuplicates().doesNotContain("");
			assertThat(attributes.toBuilder().build()).isEqualTo(wanted);
		}
	}

	@Test
	void equalToTheSdksAttributesOfTheSameContentAndHashedAlikeSoHashedCollectionsFindThem() {
		Attributes attributes = new SpanAttributes.Builder().put("b", "2").put("a", 1L).build();
		Attributes sdk = Attributes.builder().put("a", 1L).put("b", "2").build();
		assertThat(attributes).isEqualTo(sdk);
		assertThat(attributes.hashCode()).isEqualTo(sdk.hashCode());
		assertThat(new java.util.HashSet<>(List.of(sdk)).contains(attributes)).isTrue();
		AttributeKey<String> none = null;
		assertThat(attributes.get(none)).as("as the SDK's attributes answer").isNull();
		assertThat(sdk.get(none)).isNull();
	}

	@Test
	void aKeyOfAnotherTypeFindsNothingAndAKeyPutAgainKeepsItsFirstPlace() {
		Attributes attributes = new SpanAttributes.Builder().put("a", "first")
			.put("b", 2L)
			.put("a", 3L)
			.build();
		assertThat(attributes.get(AttributeKey.stringKey("a"))).isNull();
		assertThat(attributes.get(AttributeKey.longKey("a"))).isEqualTo(3L);
		List<String> names = new ArrayList<>();
		attributes.forEach((key, value) -> names.add(key.getKey()));
		assertThat(names).containsExactly("a", "b");
	}

	@Test
	void removeIfAndClearStartAfresh() {
		SpanAttributes.Builder builder = new SpanAttributes.Builder();
		builder.put("a", "1").put("b", "2").put("c", "3");
		builder.removeIf((key) -> key.getKey().equals("b"));
		builder.put("d", "4");
		assertThat(builder.build()).isEqualTo(Attributes.builder().put("a", "1").put("c", "3").put("d", "4").build());
		assertThat(builder.clear().build().isEmpty()).isTrue();
		assertThat(builder.put("b", "5").build()).isEqualTo(Attributes.of(AttributeKey.stringKey("b"), "5"));
	}

	private static <T> void put(AttributesBuilder sdk, AttributesBuilder builder, AttributeKey<T> key, T value) {
		sdk.put(key, value);
		builder.put(key, value);
	}

}
