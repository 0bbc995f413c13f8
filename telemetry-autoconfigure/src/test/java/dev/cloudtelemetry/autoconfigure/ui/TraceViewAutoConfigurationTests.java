package dev.cloudtelemetry.autoconfigure.ui;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.cloudtelemetry.actuate.TelemetryEndpointWebExtension;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.actuate.TelemetryEndpointAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.output.recent.RecentTraces;
import dev.cloudtelemetry.output.recent.TraceViews;

import static org.assertj.core.api.Assertions.assertThat;

class TraceViewAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(TelemetryAutoConfiguration.class,
			TraceViewAutoConfiguration.class);

	@TempDir
	Path tempDir;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"));
	}

	@Test
	void offByDefault() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(RecentTraces.class)
			.doesNotHaveBean(TraceViews.class)
			.doesNotHaveBean("telemetryTraceViewRoutes"));
	}

	@Test
	void enabledTheStoreReceivesWhatTheWriterWrites() {
		runner().withPropertyValues("telemetry.ui.enabled=true").run((context) -> {
			RecentTraces store = context.getBean(RecentTraces.class);
			SpanFactory spans = context.getBean(SpanFactory.class);
			var root = spans.start(null, "job", "func", null);
			context.getBean(EventSink.class)
				.accept(GenericEvent.builder("test_end", root.startNanos() + 5).span(root).durationNanos(5).message("done").build());
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (store.stats().completed() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(store.trace(root.traceIdHex())).isNotNull();
			assertThat(store.stats().completed()).isEqualTo(1);
		});
	}

	@Test
	void theTracesEndpointAloneKeepsTracesWithoutThePage() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"),
					"telemetry.ui.traces-endpoint=true", "telemetry.ui.recent-traces=5",
					"telemetry.ui.recent-traces-max-size=1MB")
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceViews.class).doesNotHaveBean("telemetryTraceViewRoutes");
				assertThat(context.getBean(RecentTraces.class).stats().maxTraces()).isEqualTo(5);
				assertThat(context.getBean(RecentTraces.class).stats().maxBytes()).isEqualTo(1024 * 1024);
			});
	}

	@Test
	void thePageIsServedOnServletAndReactiveApplications() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.ui.enabled=true")
			.run((context) -> assertThat(context).hasBean("telemetryTraceViewRoutes"));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.ui.enabled=true")
			.run((context) -> assertThat(context).hasBean("telemetryTraceViewRoutes"));
	}

	@Test
	void thePageIsPartOfTheTelemetryEndpointWhenThatIsExposedOnTheWeb() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TelemetryAutoConfiguration.class, TraceViewAutoConfiguration.class,
					TelemetryEndpointAutoConfiguration.class))
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.ui.enabled=true");
		web.withPropertyValues("management.endpoints.web.exposure.include=telemetry")
			.run((context) -> assertThat(context).hasSingleBean(TelemetryEndpointWebExtension.class));
		web.run((context) -> assertThat(context).doesNotHaveBean(TelemetryEndpointWebExtension.class));
		web.withPropertyValues("management.endpoints.web.exposure.include=telemetry", "telemetry.ui.enabled=false",
				"telemetry.ui.traces-endpoint=true")
			.run((context) -> assertThat(context).doesNotHaveBean(TelemetryEndpointWebExtension.class));
		// with the actuator on its own port, telemetry.ui.path does not lead there
		web.withPropertyValues("management.endpoints.web.exposure.include=telemetry", "management.server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(TelemetryEndpointWebExtension.class)
				.doesNotHaveBean("telemetryTraceViewRoutes"));
	}

	@Test
	void aUserStoreWins() {
		RecentTraces own = new RecentTraces(3, 4096);
		runner().withPropertyValues("telemetry.ui.enabled=true")
			.withBean(RecentTraces.class, () -> own)
			.run((context) -> assertThat(context.getBean(RecentTraces.class)).isSameAs(own));
	}

	@Test
	void badSettingsFailNamingTheProperty() {
		runner().withPropertyValues("telemetry.ui.enabled=true", "telemetry.ui.recent-traces=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTelemetryConfigurationException.class)
				.hasMessageContaining("telemetry.ui.recent-traces"));
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"), "telemetry.ui.enabled=true",
					"telemetry.ui.path=telemetry/")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTelemetryConfigurationException.class)
				.hasMessageContaining("telemetry.ui.path"));
	}

}
