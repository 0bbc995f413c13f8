package dev.cloudtelemetry.autoconfigure.context;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import sample.jobs.Dispatcher;
import sample.jobs.JobsApplication;
import sample.jobs.Ticker;
import sample.jobs.Worker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a real application with {@code @Async}, {@code CompletableFuture} stages on its executor and
 * {@code @Scheduled} jobs, and checks the parent links and the MDC across the thread hops.
 */
class ContextPropagationIntegrationTests {

	@TempDir
	Path tempDir;

	private List<JsonNode> run(Consumer<ConfigurableApplicationContext> scenario, String... properties) {
		Path output = this.tempDir.resolve("telemetry.jsonl");
		List<String> all = new ArrayList<>(List.of("telemetry.output.path=" + output, "spring.application.name=jobs",
				"logging.level.sample.jobs=INFO"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()) {
			scenario.accept(context);
		}
		return TelemetrySchema.readValidated(output);
	}

	private static JsonNode entry(List<JsonNode> events, String functionName) {
		List<JsonNode> entries = entries(events, functionName);
		assertThat(entries).as(functionName).hasSize(1);
		return entries.get(0);
	}

	private static List<JsonNode> entries(List<JsonNode> events, String functionName) {
		return events.stream()
			.filter((e) -> e.get("event_type").asString().equals("function_entry")
					&& e.get("function_name").asString().equals(functionName))
			.toList();
	}

	private static void assertChild(JsonNode child, JsonNode parent) {
		assertThat(child.get("trace_id")).isEqualTo(parent.get("trace_id"));
		assertThat(child.get("parent_span_id").asString()).isEqualTo(parent.get("span_id").asString());
	}

	@Test
	void asyncMethodIsAChildOfItsCaller() {
		Thread[] worker = new Thread[1];
		List<JsonNode> events = run((context) -> worker[0] = context.getBean(Dispatcher.class).viaAsync());
		assertThat(worker[0]).isNotSameAs(Thread.currentThread());
		assertChild(entry(events, "Worker.asyncWork"), entry(events, "Dispatcher.viaAsync"));
	}

	@Test
	void completableFutureStagesOnTheExecutorAreChildrenOfTheCaller() {
		Thread[] worker = new Thread[1];
		List<JsonNode> events = run((context) -> worker[0] = context.getBean(Dispatcher.class).viaSupplyAsync());
		assertThat(worker[0]).isNotSameAs(Thread.currentThread());
		JsonNode caller = entry(events, "Dispatcher.viaSupplyAsync");
		List<JsonNode> stages = entries(events, "Worker.work");
		assertThat(stages).hasSize(2).allSatisfy((stage) -> assertChild(stage, caller));
	}

	@Test
	void eachScheduledRunIsARootSpanOfItsOwn() {
		List<Span> runs = new ArrayList<>();
		List<JsonNode> events = run((context) -> {
			Ticker ticker = context.getBean(Ticker.class);
			await(ticker);
			runs.addAll(ticker.runs());
		}, "jobs.ticker.enabled=true");
		assertThat(runs).hasSize(3).allSatisfy((span) -> {
			assertThat(span).isNotNull();
			assertThat(span.name()).isEqualTo("Ticker.tick");
			assertThat(span.parentSpanId()).isZero();
		});
		assertThat(runs.stream().map(Span::traceIdHex).distinct()).hasSize(3);
		assertThat(entries(events, "Ticker.tick")).isNotEmpty()
			.allSatisfy((tick) -> assertThat(tick.get("parent_span_id").isNull()).isTrue());
	}

	@Test
	void logLinesCarryTheIdsOfTheCurrentSpanOnEveryThread() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Logger dispatcherLogger = (Logger) LoggerFactory.getLogger(Dispatcher.class);
		Logger workerLogger = (Logger) LoggerFactory.getLogger(Worker.class);
		List<JsonNode> events = run((context) -> {
			dispatcherLogger.addAppender(appender);
			workerLogger.addAppender(appender);
			try {
				context.getBean(Dispatcher.class).viaAsync();
			}
			finally {
				dispatcherLogger.detachAppender(appender);
				workerLogger.detachAppender(appender);
			}
			dispatcherLogger.addAppender(appender);
			try {
				dispatcherLogger.warn("after the call");
			}
			finally {
				dispatcherLogger.detachAppender(appender);
			}
		});
		assertThat(appender.list).hasSize(3);
		assertThat(appender.list.get(2).getMDCPropertyMap()).as("no ids once the span is over")
			.doesNotContainKeys("trace_id", "span_id");
		assertMdc(appender.list.get(0), entry(events, "Dispatcher.viaAsync"));
		assertMdc(appender.list.get(1), entry(events, "Worker.asyncWork"));
		assertThat(appender.list.get(1).getThreadName()).isNotEqualTo(appender.list.get(0).getThreadName());
	}

	@Test
	void mdcIsLeftAloneWhenDisabled() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Logger dispatcherLogger = (Logger) LoggerFactory.getLogger(Dispatcher.class);
		run((context) -> {
			dispatcherLogger.addAppender(appender);
			try {
				context.getBean(Dispatcher.class).viaAsync();
			}
			finally {
				dispatcherLogger.detachAppender(appender);
			}
		}, "telemetry.mdc.enabled=false");
		assertThat(appender.list).hasSize(1);
		assertThat(appender.list.get(0).getMDCPropertyMap()).doesNotContainKeys("trace_id", "span_id");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void asyncMethodOnAVirtualThreadIsAChildOfItsCaller() throws Exception {
		Thread[] worker = new Thread[1];
		List<JsonNode> events = run((context) -> worker[0] = context.getBean(Dispatcher.class).viaAsync(),
				"spring.threads.virtual.enabled=true");
		Method isVirtual = Thread.class.getMethod("isVirtual");
		assertThat((boolean) isVirtual.invoke(worker[0])).isTrue();
		assertChild(entry(events, "Worker.asyncWork"), entry(events, "Dispatcher.viaAsync"));
	}

	private static void assertMdc(ILoggingEvent line, JsonNode event) {
		assertThat(line.getMDCPropertyMap()).containsEntry("trace_id", event.get("trace_id").asString())
			.containsEntry("span_id", event.get("span_id").asString());
	}

	private static void await(Ticker ticker) {
		try {
			assertThat(ticker.threeRuns().await(30, TimeUnit.SECONDS)).as("three scheduled runs").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
