package dev.cloudtelemetry.autoconfigure.method;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.capture.CaptureApplication;
import sample.capture.PaymentService;
import sample.capture.PaymentService.Currency;
import sample.capture.ReceiptService;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argument and return value capture in a real application: what is written, what is not, and that the
 * written values pass through the redactors and the length limit.
 */
class ArgumentCaptureIntegrationTests {

	private static final UUID PAYMENT = UUID.fromString("8c0e4b0e-2f5c-4c43-9a55-3b0c8f1f7d10");

	@TempDir
	Path tempDir;

	private List<JsonNode> run(Consumer<ConfigurableApplicationContext> scenario, String... properties) {
		Path output = this.tempDir.resolve("telemetry-" + System.nanoTime() + ".jsonl");
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + output, "spring.application.name=pay"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CaptureApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()) {
			scenario.accept(context);
		}
		return TelemetrySchema.readValidated(output);
	}

	private static void charge(ConfigurableApplicationContext context) {
		HashMap<String, String> metadata = new HashMap<>();
		metadata.put("note", "password=hunter2");
		context.getBean(PaymentService.class)
			.charge("ada token=ghp_abcdefghijklmnopqrstuvwxyz0123456789", 1999, Currency.EUR, PAYMENT,
					LocalDate.of(2026, 12, 1), "4111 1111 1111 1111", metadata);
		context.getBean(PaymentService.class).note("x".repeat(1000));
	}

	private static JsonNode event(List<JsonNode> events, String function, String type) {
		return events.stream()
			.filter((e) -> e.get("function_name").asString().equals(function) && e.get("event_type").asString().equals(type))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void argumentsAreNotWrittenByDefault() {
		List<JsonNode> events = run(ArgumentCaptureIntegrationTests::charge);
		JsonNode entry = event(events, "PaymentService.charge", "function_entry").get("attributes");
		assertThat(entry.propertyNames()).noneMatch((name) -> name.startsWith("function.arguments."));
		assertThat(entry.get("function.parameters").asString())
			.isEqualTo("customer, cents, currency, paymentId, due, cardNumber, metadata");
	}

	@Test
	void capturedArgumentsAreRedactedCutAndOnlyOfImmutableTypes() {
		List<JsonNode> events = run(ArgumentCaptureIntegrationTests::charge, "telemetry.methods.capture-arguments=true",
				"telemetry.limits.max-argument-length=64");
		JsonNode entry = event(events, "PaymentService.charge", "function_entry").get("attributes");
		assertThat(entry.get("function.arguments.customer").asString()).isEqualTo("ada token=******");
		assertThat(entry.get("function.arguments.cents").asString()).isEqualTo("1999");
		assertThat(entry.get("function.arguments.currency").asString()).isEqualTo("EUR");
		assertThat(entry.get("function.arguments.paymentId").asString()).isEqualTo(PAYMENT.toString());
		assertThat(entry.get("function.arguments.due").asString()).isEqualTo("2026-12-01");
		assertThat(entry.get("function.arguments.cardNumber").asString()).isEqualTo("REDACTED");
		assertThat(entry.get("function.arguments.metadata").asString()).isEqualTo("java.util.HashMap");
		JsonNode note = event(events, "PaymentService.note", "function_entry").get("attributes");
		assertThat(note.get("function.arguments.text").asString()).startsWith("x".repeat(64))
			.endsWith("...[truncated 936 chars]");
		assertThat(events).allSatisfy((e) -> assertThat(e.toString()).doesNotContain("hunter2", "ghp_", "4111 1111"));
		// the return value is not captured unless asked for
		assertThat(event(events, "PaymentService.charge", "function_exit").get("attributes").has("function.return_value"))
			.isFalse();
	}

	@Test
	void tracedTurnsCaptureOnForOneMethodAndRedactedHidesAReturnValue() {
		List<JsonNode> events = run((context) -> {
			ReceiptService receipts = context.getBean(ReceiptService.class);
			receipts.total(3, 250);
			receipts.token("ada");
			receipts.untouched("plain");
		});
		assertThat(event(events, "ReceiptService.total", "function_entry").get("attributes").get("function.arguments.quantity")
			.asString()).isEqualTo("3");
		assertThat(event(events, "ReceiptService.total", "function_exit").get("attributes").get("function.return_value")
			.asString()).isEqualTo("750");
		JsonNode token = event(events, "ReceiptService.token", "function_entry").get("attributes");
		assertThat(token.has("function.arguments.user")).isFalse();
		assertThat(event(events, "ReceiptService.token", "function_exit").get("attributes").get("function.return_value")
			.asString()).isEqualTo("REDACTED");
		assertThat(event(events, "ReceiptService.untouched", "function_entry").get("attributes").has("function.arguments.text"))
			.isFalse();
	}

	@Test
	void theReturnValueIsCapturedForEveryMethodWhenAskedFor() {
		List<JsonNode> events = run(ArgumentCaptureIntegrationTests::charge, "telemetry.methods.capture-return-value=true");
		assertThat(event(events, "PaymentService.charge", "function_exit").get("attributes").get("function.return_value")
			.asString()).isEqualTo("receipt-" + PAYMENT);
		// a void method has none
		assertThat(event(events, "PaymentService.note", "function_exit").get("attributes").has("function.return_value"))
			.isFalse();
	}

}
