package dev.cloudtelemetry.instrument.method;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texts of a traced call's messages are built once per method: the writer recognizes them by instance.
 */
class CallMessagesTests {

	@Test
	void methodsWhoseNamesShareAHashKeepTheirTextsFromCallToCall() {
		// "Aa" and "BB" have the same String.hashCode: the two names fell into one slot of the table this was,
		// and each call of one method replaced the other's texts
		String first = "OrderService.Aa";
		String second = "OrderService.BB";
		assertThat(first.hashCode()).isEqualTo(second.hashCode());
		CallMessages messages = new CallMessages();
		CallMessages.Texts firstTexts = messages.of(first);
		CallMessages.Texts secondTexts = messages.of(second);
		for (int i = 0; i < 3; i++) {
			assertThat(messages.of(first)).isSameAs(firstTexts);
			assertThat(messages.of(second)).isSameAs(secondTexts);
		}
		assertThat(firstTexts.exit()).isEqualTo("Function 'OrderService.Aa' exit (");
		assertThat(secondTexts.entry()).isEqualTo("Function 'OrderService.BB' entry");
	}

	@Test
	void keepsABoundedNumberOfNames() {
		CallMessages messages = new CallMessages();
		for (int i = 0; i < 3 * CallMessages.MAX_ENTRIES; i++) {
			assertThat(messages.of("Generated.method" + i).entry()).isEqualTo("Function 'Generated.method" + i + "' entry");
			assertThat(messages.size()).isBetween(1, CallMessages.MAX_ENTRIES);
		}
	}

}
