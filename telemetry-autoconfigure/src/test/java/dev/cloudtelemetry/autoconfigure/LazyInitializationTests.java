package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import sample.jobs.Dispatcher;
import sample.jobs.JobsApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application started with {@code spring.main.lazy-initialization=true} (a real Spring Boot application
 * without a web server or a {@code DataSource}, so that nothing of the application asks for the starter's
 * beans at start-up): the starter's beans are made at start-up all the same, so the log MDC carries the ids,
 * an invalid setting stops the start instead of the first traced call, and the writer runs before the first
 * event; the application's own beans stay lazy.
 */
class LazyInitializationTests {

	@TempDir
	Path tempDir;

	private SpringApplicationBuilder application(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.lazy-initialization=true",
				"telemetry.output.path=" + this.tempDir.resolve("telemetry.jsonl"), "spring.application.name=jobs",
				"logging.level.sample.jobs=INFO"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(JobsApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new));
	}

	@Test
	void theStartersBeansAreMadeAtStartUpAndTheApplicationsStayLazy() {
		try (ConfigurableApplicationContext context = application().run()) {
			assertThat(context.getBeanFactory().containsSingleton("dispatcher")).as("an application bean, still lazy")
				.isFalse();
			assertThat(context.getBeanFactory().containsSingleton("telemetryEventWriter")).isTrue();
			assertThat(context.getBeanFactory().containsSingleton("telemetryMdcListenerInstaller")).isTrue();
		}
	}

	@Test
	void onlyTheStartersOwnPackageIsKeptEager() {
		EagerTelemetryBeans filter = new EagerTelemetryBeans();
		assertThat(filter.isExcluded("telemetryProperties", new RootBeanDefinition(TelemetryProperties.class.getName()),
				TelemetryProperties.class)).isTrue();
		assertThat(filter.isExcluded("orderService", new RootBeanDefinition("dev.cloudtelemetry.demo.OrderService"),
				null)).as("an application under dev.cloudtelemetry (the demo's package)").isFalse();
	}

	@Test
	void logLinesCarryTheIdsOfTheCurrentSpan() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Logger logger = (Logger) LoggerFactory.getLogger(Dispatcher.class);
		try (ConfigurableApplicationContext context = application().run()) {
			logger.addAppender(appender);
			try {
				context.getBean(Dispatcher.class).viaAsync();
			}
			finally {
				logger.detachAppender(appender);
			}
		}
		List<JsonNode> events = TelemetrySchema.readValidated(this.tempDir.resolve("telemetry.jsonl"));
		JsonNode call = events.stream()
			.filter((event) -> event.get("event_type").asString().equals("function_entry")
					&& event.get("function_name").asString().equals("Dispatcher.viaAsync"))
			.findFirst()
			.orElseThrow();
		assertThat(appender.list).hasSize(1);
		assertThat(appender.list.get(0).getMDCPropertyMap())
			.containsEntry("trace_id", call.get("trace_id").asString())
			.containsEntry("span_id", call.get("span_id").asString());
	}

	@Test
	void anInvalidSettingStopsTheStart() {
		SpringApplication application = application("telemetry.output.queue-capacity=0").build();
		assertThatExceptionOfType(Exception.class).isThrownBy(application::run).satisfies((failure) -> {
			FailureAnalysis analysis = new InvalidTelemetryConfigurationFailureAnalyzer().analyze(failure);
			assertThat(analysis).as("analysis of %s", failure).isNotNull();
			assertThat(analysis.getDescription()).contains("telemetry.output.queue-capacity");
		});
	}

}
