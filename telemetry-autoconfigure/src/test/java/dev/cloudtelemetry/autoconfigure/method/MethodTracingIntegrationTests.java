package dev.cloudtelemetry.autoconfigure.method;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import sample.shop.AsyncWork;
import sample.shop.AuditLog;
import sample.shop.CustomStream;
import sample.shop.FinalGreeter;
import sample.shop.OrderController;
import sample.shop.OrderService;
import sample.shop.PricingService;
import sample.shop.PurchaseOrder;
import sample.shop.ShopApplication;
import sample.shop.Untraced;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Runs a real Spring Boot application (controller → service → service → Spring Data JPA on H2), reads
 * the JSONL it wrote and validates every line against the schema.
 */
class MethodTracingIntegrationTests {

	@TempDir
	Path tempDir;

	private List<JsonNode> run(Consumer<ConfigurableApplicationContext> scenario, String... properties) {
		Path output = this.tempDir.resolve("telemetry-" + System.nanoTime() + ".jsonl");
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + output,
				"spring.datasource.url=jdbc:h2:mem:" + System.nanoTime(), "spring.application.name=shop",
				// these tests count method events only; db_query events are tested with the JDBC instrumentation
				"telemetry.jdbc.enabled=false"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()) {
			scenario.accept(context);
		}
		// the file is created with the first event
		return Files.exists(output) ? TelemetrySchema.readValidated(output) : List.of();
	}

	private static List<JsonNode> named(List<JsonNode> events, String functionName) {
		return events.stream().filter((e) -> functionName.equals(e.get("function_name").asString())).toList();
	}

	private static JsonNode single(List<JsonNode> events, String functionName, String eventType) {
		List<JsonNode> matching = named(events, functionName).stream()
			.filter((e) -> eventType.equals(e.get("event_type").asString()))
			.toList();
		assertThat(matching).as("%s %s", functionName, eventType).hasSize(1);
		return matching.get(0);
	}

	@Test
	void nestedBeanCallsFormOneTraceWithParentLinks() {
		List<JsonNode> events = run((context) -> context.getBean(OrderController.class).create("book", 2));
		JsonNode controller = single(events, "OrderController.create", "function_entry");
		JsonNode service = single(events, "OrderService.placeOrder", "function_entry");
		JsonNode pricing = single(events, "PricingService.price", "function_entry");
		JsonNode save = single(events, "OrderRepository.save", "function_entry");
		String traceId = controller.get("trace_id").asString();
		assertThat(List.of(service, pricing, save)).allSatisfy(
				(event) -> assertThat(event.get("trace_id").asString()).isEqualTo(traceId));
		assertThat(controller.get("parent_span_id").isNull()).isTrue();
		assertThat(service.get("parent_span_id").asString()).isEqualTo(controller.get("span_id").asString());
		assertThat(pricing.get("parent_span_id").asString()).isEqualTo(service.get("span_id").asString());
		assertThat(save.get("parent_span_id").asString()).isEqualTo(service.get("span_id").asString());
		assertThat(pricing.get("attributes").get("caller.function").asString()).isEqualTo("OrderService.placeOrder");
		assertThat(pricing.get("attributes").get("parent_correlation_id").asString())
			.isEqualTo(service.get("correlation_id").asString());
		assertThat(pricing.get("attributes").get("function.parameters").asString()).isEqualTo("item, quantity");
		assertThat(pricing.get("attributes").get("code.namespace").asString()).isEqualTo("sample.shop.PricingService");
		assertThat(save.get("attributes").get("code.namespace").asString()).isEqualTo("sample.shop.OrderRepository");
		assertThat(controller.get("service").get("name").asString()).isEqualTo("shop");
		assertThat(controller.get("cloud").get("provider").asString()).isEqualTo("local");
		assertThat(controller.get("message").asString()).isEqualTo("Function 'OrderController.create' entry");
	}

	@Test
	void everyEntryHasOneExitWithTheSameIdsAndItsDuration() {
		List<JsonNode> events = run((context) -> {
			OrderController controller = context.getBean(OrderController.class);
			PurchaseOrder order = controller.create("pen", 3);
			controller.get(order.getId());
		});
		Map<String, List<JsonNode>> bySpan = events.stream()
			.collect(Collectors.groupingBy((e) -> e.get("span_id").asString()));
		assertThat(bySpan).isNotEmpty();
		bySpan.forEach((spanId, spanEvents) -> {
			assertThat(spanEvents).extracting((e) -> e.get("event_type").asString())
				.containsExactly("function_entry", "function_exit");
			JsonNode entry = spanEvents.get(0);
			JsonNode exit = spanEvents.get(1);
			assertThat(exit.get("trace_id")).isEqualTo(entry.get("trace_id"));
			assertThat(exit.get("parent_span_id")).isEqualTo(entry.get("parent_span_id"));
			assertThat(exit.get("correlation_id")).isEqualTo(entry.get("correlation_id"));
			assertThat(exit.get("duration_ns").asLong())
				.isEqualTo(exit.get("timestamp_ns").asLong() - entry.get("timestamp_ns").asLong());
			assertThat(exit.get("sequence").asLong()).isGreaterThan(entry.get("sequence").asLong());
		});
		assertThat(named(events, "OrderRepository.findById")).as("inherited CRUD method of the repository").hasSize(2);
	}

	@Test
	void aThrowingMethodEndsWithAnErrorExitAndTheErrorPropagates() {
		List<JsonNode> events = run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(OrderController.class).create("book", 0)));
		JsonNode pricingExit = single(events, "PricingService.price", "function_exit");
		assertThat(pricingExit.get("severity").asString()).isEqualTo("ERROR");
		assertThat(pricingExit.get("error").get("type").asString()).isEqualTo("java.lang.IllegalArgumentException");
		assertThat(pricingExit.get("error").get("message").asString()).isEqualTo("quantity must be positive, was 0");
		assertThat(pricingExit.get("error").get("stacktrace").isNull()).isTrue();
		assertThat(single(events, "OrderController.create", "function_exit").get("severity").asString())
			.isEqualTo("ERROR");
		assertThat(single(events, "OrderController.create", "function_entry").get("severity").asString())
			.isEqualTo("INFO");
	}

	@Test
	void stackTracesAreWrittenWhenEnabled() {
		List<JsonNode> events = run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(OrderController.class).create("book", -1)),
				"telemetry.errors.stacktrace=true");
		assertThat(single(events, "PricingService.price", "function_exit").get("error").get("stacktrace").asString())
			.startsWith("java.lang.IllegalArgumentException: quantity must be positive, was -1")
			.contains("at sample.shop.PricingService.price(");
	}

	@Test
	void concurrentCallsFromEightThreadsKeepEverySequenceNumberOnce() {
		int threads = 8;
		int callsPerThread = 40;
		List<JsonNode> events = run((context) -> {
			OrderController controller = context.getBean(OrderController.class);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int thread = t;
					futures.add(executor.submit(() -> {
						for (int i = 0; i < callsPerThread; i++) {
							controller.create("item-" + thread, i + 1);
						}
					}));
				}
				for (Future<?> future : futures) {
					future.get();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				executor.shutdown();
			}
		});
		long[] sequences = events.stream().mapToLong((e) -> e.get("sequence").asLong()).toArray();
		// the process's sequence: the contexts of earlier tests in this JVM took the numbers before these
		assertThat(sequences).containsExactly(LongStream.range(sequences[0], sequences[0] + events.size()).toArray());
		List<JsonNode> roots = events.stream()
			.filter((e) -> e.get("event_type").asString().equals("function_entry") && e.get("parent_span_id").isNull())
			.toList();
		assertThat(roots).hasSize(threads * callsPerThread);
		assertThat(roots.stream().map((e) -> e.get("trace_id").asString()).distinct()).hasSize(threads * callsPerThread);
		Map<String, Integer> perSpan = new HashMap<>();
		events.forEach((e) -> perSpan.merge(e.get("span_id").asString(), 1, Integer::sum));
		assertThat(perSpan.values()).containsOnly(2);
		// controller, order service, pricing, repository save: 4 spans, 8 events per call
		assertThat(events).hasSize(threads * callsPerThread * 8);
	}

	@Test
	void completionStageEndsTheSpanWhenItCompletes() {
		List<JsonNode> events = run((context) -> {
			CompletableFuture<Long> trigger = new CompletableFuture<>();
			CompletableFuture<Long> result = context.getBean(AsyncWork.class).later(trigger);
			sleep(60);
			trigger.complete(21L);
			assertThat(result.join()).isEqualTo(42L);
		});
		JsonNode exit = single(events, "AsyncWork.later", "function_exit");
		assertThat(exit.get("duration_ns").asLong()).isGreaterThanOrEqualTo(60_000_000L);
	}

	@Test
	void monoEndsTheSpanOnTerminationAndChildrenAreLinked() {
		List<JsonNode> events = run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			assertThat(work.reactive("abc").block()).isEqualTo(103L);
			assertThatIllegalStateException().isThrownBy(() -> work.reactiveFailure().block());
		});
		assertThat(single(events, "AsyncWork.reactive", "function_exit").get("severity").asString()).isEqualTo("INFO");
		JsonNode failure = single(events, "AsyncWork.reactiveFailure", "function_exit");
		assertThat(failure.get("severity").asString()).isEqualTo("ERROR");
		assertThat(failure.get("error").get("message").asString()).isEqualTo("reactive failure");
	}

	@Test
	void aReactiveTypeOtherThanReactorsEndsTheSpanOnTermination() {
		List<JsonNode> events = run((context) -> {
			Flow.Publisher<Long> prices = context.getBean(AsyncWork.class).prices("abc");
			assertThat(prices.getClass().getName()).doesNotStartWith("reactor.core.publisher");
			assertThat(JdkFlowAdapter.flowPublisherToFlux(prices).collectList().block()).containsExactly(103L, 206L, 309L);
		});
		JsonNode exit = single(events, "AsyncWork.prices", "function_exit");
		assertThat(exit.get("duration_ns").asLong()).isGreaterThanOrEqualTo(60_000_000L);
		// the prices are computed while the call lasts
		assertThat(named(events, "PricingService.price")).hasSize(6)
			.allMatch((e) -> e.get("timestamp_ns").asLong() <= exit.get("timestamp_ns").asLong());
	}

	@Test
	void aReactiveCallWhoseResultAnotherReturnsEndsBeforeIt() {
		List<JsonNode> events = run((context) -> assertThat(
				context.getBean(AsyncWork.class).relayedPrices("abc").collectList().block())
			.containsExactly(103L, 206L, 309L));
		JsonNode outer = single(events, "AsyncWork.relayedPrices", "function_exit");
		JsonNode inner = single(events, "PricingService.prices", "function_exit");
		assertThat(inner.get("parent_span_id")).isEqualTo(outer.get("span_id"));
		// the completion passes the inner call first: it ends first, inside the outer one, as nested calls do
		assertThat(inner.get("sequence").asLong()).isLessThan(outer.get("sequence").asLong());
		assertThat(inner.get("timestamp_ns").asLong()).isLessThanOrEqualTo(outer.get("timestamp_ns").asLong());
		assertThat(inner.get("duration_ns").asLong()).isLessThanOrEqualTo(outer.get("duration_ns").asLong());
	}

	@Test
	void aCancelledReactiveCallEndsAsCancelledWhenItsSubscriberCancels() {
		List<JsonNode> events = run((context) -> assertThat(
				context.getBean(PricingService.class).prices("abc").take(1).collectList().block())
			.containsExactly(103L));
		JsonNode exit = single(events, "PricingService.prices", "function_exit");
		assertThat(exit.get("attributes").get("cancelled").asBoolean()).isTrue();
		assertThat(exit.get("message").asString()).contains("cancelled");
		assertThat(exit.get("severity").asString()).isEqualTo("INFO");
	}

	@Test
	void aReactiveResultSubscribedTwiceEndsItsCallOnceAtTheFirstEnd() {
		List<JsonNode> events = run((context) -> {
			Mono<Long> price = context.getBean(AsyncWork.class).reactive("abc");
			assertThat(price.block()).isEqualTo(103L);
			assertThat(price.block()).isEqualTo(103L);
		});
		JsonNode exit = single(events, "AsyncWork.reactive", "function_exit");
		List<JsonNode> prices = named(events, "PricingService.price").stream()
			.filter((e) -> "function_entry".equals(e.get("event_type").asString()))
			.toList();
		// each subscription runs the callable again; the call ended with the first, before the second began
		assertThat(prices).hasSize(2);
		assertThat(exit.get("timestamp_ns").asLong()).isLessThanOrEqualTo(prices.get(1).get("timestamp_ns").asLong());
		assertThat(exit.get("attributes").has("cancelled")).isFalse();
	}

	@Test
	void aReactiveAdapterThatFailsNeitherBreaksTheCallNorLosesItsSpan() {
		// an application's own reactive types whose adapter fails one way or the other
		ReactiveAdapterRegistry registry = ReactiveAdapterRegistry.getSharedInstance();
		registry.registerReactiveType(ReactiveTypeDescriptor.singleOptionalValue(CustomStream.class, () -> null),
				(source) -> {
					throw new IllegalStateException("cannot adapt");
				}, (publisher) -> new CustomStream("adapted"));
		registry.registerReactiveType(ReactiveTypeDescriptor.singleOptionalValue(CustomStream.Other.class, () -> null),
				(source) -> Mono.just(((CustomStream) source).name()), (publisher) -> {
					throw new IllegalStateException("cannot adapt back");
				});
		List<JsonNode> events = run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			assertThat(work.custom("first").name()).isEqualTo("first");
			assertThat(work.otherCustom("second").name()).isEqualTo("second");
		});
		for (String name : List.of("AsyncWork.custom", "AsyncWork.otherCustom")) {
			assertThat(single(events, name, "function_exit").get("severity").asString()).as(name).isEqualTo("INFO");
		}
	}

	@Test
	void finalClassesAndNotTracedBeansAreLeftAlone() {
		List<JsonNode> events = run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(FinalGreeter.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(Untraced.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(OrderService.class))).isTrue();
			assertThat(context.getBean(FinalGreeter.class).greet("x")).isEqualTo("Hello x");
			context.getBean(Untraced.class).quiet();
			context.getBean(OrderService.class).placeOrder("a", 1);
		});
		assertThat(named(events, "FinalGreeter.greet")).isEmpty();
		assertThat(named(events, "Untraced.quiet")).isEmpty();
		assertThat(named(events, "OrderService.placeOrder")).hasSize(2);
		assertThat(events).noneMatch((e) -> e.get("function_name").asString().startsWith("ShopApplication"));
	}

	@Test
	void includeAndExcludePatternsNarrowTheSelection() {
		List<JsonNode> events = run((context) -> context.getBean(OrderController.class).create("x", 1),
				"telemetry.methods.include=sample.shop.*Service", "telemetry.methods.exclude=sample.shop.PricingService");
		assertThat(events).extracting((e) -> e.get("function_name").asString())
			.containsOnly("OrderService.placeOrder");
	}

	@Test
	void minimumSeverityDropsBelowItButKeepsErrors() {
		List<JsonNode> events = run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(OrderController.class).create("book", 0)),
				"telemetry.minimum-severity=WARN");
		assertThat(events).isNotEmpty().allSatisfy((e) -> {
			assertThat(e.get("severity").asString()).isEqualTo("ERROR");
			assertThat(e.get("event_type").asString()).isEqualTo("function_exit");
		});
	}

	@Test
	void slowCallsEndWithWarn() {
		List<JsonNode> events = run((context) -> context.getBean(OrderController.class).create("x", 1),
				"telemetry.methods.slow-threshold=1ns");
		JsonNode exit = single(events, "PricingService.price", "function_exit");
		assertThat(exit.get("severity").asString()).isEqualTo("WARN");
		assertThat(exit.get("attributes").get("slow").asBoolean()).isTrue();
	}

	@Test
	void debugEventsAreWrittenOnlyWhenTheMinimumAllowsThem() {
		assertThat(named(run((context) -> context.getBean(AuditLog.class).record("x")), "AuditLog.record")).isEmpty();
		List<JsonNode> events = run((context) -> context.getBean(AuditLog.class).record("x"),
				"telemetry.minimum-severity=DEBUG");
		assertThat(named(events, "AuditLog.record")).hasSize(2)
			.allSatisfy((e) -> assertThat(e.get("severity").asString()).isEqualTo("DEBUG"));
	}

	@Test
	void callerLocationNamesTheCallingFileAndLineWhenEnabled() {
		List<JsonNode> events = run((context) -> context.getBean(OrderService.class).placeOrder("x", 1),
				"telemetry.methods.caller-location=true");
		JsonNode pricing = single(events, "PricingService.price", "function_entry");
		assertThat(pricing.get("attributes").get("caller.file").asString()).isEqualTo("OrderService.java");
		assertThat(pricing.get("attributes").get("caller.line").asInt()).isPositive();
		JsonNode withoutLocation = single(run((context) -> context.getBean(OrderService.class).placeOrder("x", 1)),
				"PricingService.price", "function_entry");
		assertThat(withoutLocation.get("attributes").has("caller.file")).isFalse();
	}

	@Test
	void aBeanProxiedTwiceIsTracedOnce() {
		List<JsonNode> events = run((context) -> {
			PricingService proxied = context.getBean(PricingService.class);
			ProxyFactory factory = new ProxyFactory(proxied);
			factory.setProxyTargetClass(true);
			factory.addAdvisor(context.getBean(TelemetryMethodAdvisor.class));
			((PricingService) factory.getProxy()).price("x", 1);
		});
		assertThat(named(events, "PricingService.price")).hasSize(2);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
