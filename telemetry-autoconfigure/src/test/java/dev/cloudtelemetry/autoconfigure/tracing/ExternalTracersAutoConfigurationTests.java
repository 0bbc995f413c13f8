package dev.cloudtelemetry.autoconfigure.tracing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalTracersAutoConfigurationTests {

	@TempDir
	Path tempDir;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TelemetryAutoConfiguration.class, ExternalTracersAutoConfiguration.class))
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("out.jsonl"),
					"telemetry.metadata.enabled=false");
	}

	@Test
	void withMicrometerTracingAndOpenTelemetryOnTheClassPathSpansFollowThem() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(ExternalParent.class);
			// no tracer bean and no agent: neither has a current span, so spans still start their own traces
			assertThat(context.getBean(ExternalParent.class).current()).isNull();
			SpanFactory spans = context.getBean(SpanFactory.class);
			assertThat(spans.followsExternalTracer()).isTrue();
			assertThat(spans.start(null, "job", "func", null).parentSpanId()).isZero();
		});
	}

	@Test
	void withOnlyOpenTelemetryOnTheClassPathItsContextIsAsked() {
		contextRunner().withClassLoader(new FilteredClassLoader("io.micrometer.tracing")).run((context) -> {
			assertThat(context).hasSingleBean(ExternalParent.class);
			assertThat(context.getBean(ExternalParent.class).current()).isNull();
		});
	}

	@Test
	void spansWithoutParentJoinTheCurrentSpanOfMicrometersTracer() {
		SimpleTracer tracer = new SimpleTracer();
		contextRunner().withBean(Tracer.class, () -> tracer).run((context) -> {
			SpanFactory spans = context.getBean(SpanFactory.class);
			io.micrometer.tracing.Span job = tracer.nextSpan().name("nightly").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(job)) {
				Span span = spans.start(null, "Job.run", "func", null);
				assertThat(span.traceIdHex()).endsWith(job.context().traceId());
				assertThat(span.spanIdHex()).isNotEqualTo(job.context().spanId());
				assertThat(span.parentSpanId()).isEqualTo(Long.parseUnsignedLong(job.context().spanId(), 16));
			}
			finally {
				job.end();
			}
			assertThat(spans.start(null, "Job.run", "func", null).parentSpanId()).isZero();
		});
	}

	@Test
	void withNeitherOnTheClassPathNothingChanges() {
		contextRunner().withClassLoader(new FilteredClassLoader("io.micrometer.tracing", "io.opentelemetry.api"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ExternalParent.class);
				assertThat(context.getBean(SpanFactory.class).followsExternalTracer()).isFalse();
			});
	}

	@Test
	void thePropertySwitchesItOff() {
		contextRunner().withPropertyValues("telemetry.external-tracers.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ExternalParent.class);
			assertThat(context.getBean(SpanFactory.class).followsExternalTracer()).isFalse();
		});
	}

	@Test
	void aUserBeanWins() {
		RemoteContext fixed = RemoteContext.fromHex("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		ExternalParent own = () -> fixed;
		contextRunner().withBean(ExternalParent.class, () -> own).run((context) -> {
			assertThat(context.getBean(ExternalParent.class)).isSameAs(own);
			assertThat(context.getBean(SpanFactory.class).start(null, "job", "func", null).traceIdHex())
				.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		});
	}

	@Test
	void theImportsFileListsTheAutoConfiguration() throws Exception {
		String imports = new String(getClass()
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.readAllBytes(), StandardCharsets.UTF_8);
		assertThat(imports).contains(ExternalTracersAutoConfiguration.class.getName());
	}

}
