package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import sample.beans.TracedGreeter;
import sample.library.LibraryTypes.InheritingStore;
import sample.library.LibraryTypes.InterfacePricing;
import sample.library.LibraryTypes.MetaAnnotated;
import sample.library.LibraryTypes.Pricing;
import sample.library.LibraryTypes.Untraced;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cloudtelemetry.autoconfigure.method.MethodTracingAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.method.TelemetryMethodAdvisor;
import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.EventExporter;
import dev.cloudtelemetry.output.StdoutExporter;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AopAutoConfiguration.class, TelemetryAutoConfiguration.class,
					MethodTracingAutoConfiguration.class));

	@TempDir
	Path tempDir;

	@Test
	void defaultsWriteToStdoutAndTraceMethods() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TelemetryProperties.class)
				.hasSingleBean(NanoClock.class)
				.hasSingleBean(SpanFactory.class)
				.hasSingleBean(ResourceResolver.class)
				.hasSingleBean(EventEncoder.class)
				.hasSingleBean(AsyncEventWriter.class)
				.hasSingleBean(MethodTracer.class)
				.hasSingleBean(TelemetryMethodAdvisor.class);
			assertThat(context.getBean(EventExporter.class)).isInstanceOf(StdoutExporter.class);
			assertThat(context.getBean(AsyncEventWriter.class).stats().running()).isTrue();
		});
	}

	@Test
	void aPathSelectsTheFileOutput() {
		this.contextRunner.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("t.jsonl"))
			.run((context) -> assertThat(context.getBean(EventExporter.class)).isInstanceOf(FileExporter.class));
	}

	@Test
	void disabledCreatesNothing() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(EventSink.class)
				.doesNotHaveBean(MethodTracer.class)
				.doesNotHaveBean(TelemetryMethodAdvisor.class)
				.doesNotHaveBean(ResourceResolver.class);
			assertThat(context.getBeansOfType(Advisor.class)).isEmpty();
		});
	}

	@Test
	void methodTracingCanBeTurnedOffAlone() {
		this.contextRunner.withPropertyValues("telemetry.methods.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(AsyncEventWriter.class)
				.doesNotHaveBean(TelemetryMethodAdvisor.class));
	}

	@Test
	void userBeansReplaceTheStartersBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(EventSink.class)).isSameAs(context.getBean(UserBeans.class).sink);
			assertThat(context).doesNotHaveBean(AsyncEventWriter.class);
			assertThat(context.getBean(NanoClock.class)).isSameAs(UserBeans.CLOCK);
			assertThat(context.getBean(ServiceResourceProvider.class)).isSameAs(UserBeans.SERVICE);
			assertThat(context.getBean(EventExporter.class)).isSameAs(UserBeans.TARGET);
		});
	}

	@Test
	void aUserBeanReplacesEachOfTheStartersBeans() {
		NanoClock clock = () -> 1L;
		SpanFactory spanFactory = new SpanFactory(clock);
		ResourceResolver resolver = new ResourceResolver(List.of(), List.of(), 0);
		EventEncoder encoder = new EventEncoder(resolver, false, 10);
		Redactors redactors = Redactors.NONE;
		RuntimeResourceProvider runtime = new RuntimeResourceProvider();
		HostResourceProvider host = new HostResourceProvider();
		ProcessResourceProvider process = new ProcessResourceProvider();
		MethodTracer tracer = new MethodTracer((event) -> {
		}, spanFactory, Severity.INFO, 0, false, "app");
		this.contextRunner.withBean(SpanFactory.class, () -> spanFactory)
			.withBean(ResourceResolver.class, () -> resolver)
			.withBean(EventEncoder.class, () -> encoder)
			.withBean(Redactors.class, () -> redactors)
			.withBean(RuntimeResourceProvider.class, () -> runtime)
			.withBean(HostResourceProvider.class, () -> host)
			.withBean(ProcessResourceProvider.class, () -> process)
			.withBean(MethodTracer.class, () -> tracer)
			.run((context) -> {
				assertThat(context.getBean(SpanFactory.class)).isSameAs(spanFactory);
				assertThat(context.getBean(ResourceResolver.class)).isSameAs(resolver);
				assertThat(context.getBean(EventEncoder.class)).isSameAs(encoder);
				assertThat(context.getBean(Redactors.class)).isSameAs(redactors);
				assertThat(context.getBean(RuntimeResourceProvider.class)).isSameAs(runtime);
				assertThat(context.getBean(HostResourceProvider.class)).isSameAs(host);
				assertThat(context.getBean(ProcessResourceProvider.class)).isSameAs(process);
				assertThat(context.getBean(MethodTracer.class)).isSameAs(tracer);
			});
	}

	@Test
	void tracedBeansAreProxied() {
		this.contextRunner.withBean(TracedGreeter.class)
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(TracedGreeter.class))).isTrue());
	}

	/**
	 * Beans of types outside the application's packages are traced where {@code @Traced} sits anywhere in their
	 * hierarchy (on an interface's method, on a superclass's method, as a meta-annotation), and only there: a
	 * library bean without it gets no proxy, annotations of other kinds notwithstanding.
	 */
	@Test
	void tracedAnywhereInTheHierarchyOfALibraryTypeIsFound() {
		Path output = this.tempDir.resolve("library.jsonl");
		this.contextRunner.withPropertyValues("telemetry.output.path=" + output)
			.withBean(InterfacePricing.class)
			.withBean(InheritingStore.class)
			.withBean(MetaAnnotated.class)
			.withBean(Untraced.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isAopProxy(context.getBean(Pricing.class))).isTrue();
				assertThat(AopUtils.isAopProxy(context.getBean(InheritingStore.class))).isTrue();
				assertThat(AopUtils.isAopProxy(context.getBean(MetaAnnotated.class))).isTrue();
				assertThat(AopUtils.isAopProxy(context.getBean(Untraced.class))).isFalse();
				context.getBean(Pricing.class).price("sku-1");
				context.getBean(InheritingStore.class).load("key");
				context.getBean(InheritingStore.class).other();
				context.getBean(MetaAnnotated.class).run();
				context.getBean(Untraced.class).plain();
			});
		List<String> entered = TelemetrySchema.readValidated(output)
			.stream()
			.filter((event) -> "function_entry".equals(event.get("event_type").asString()))
			.map((JsonNode event) -> event.get("function_name").asString())
			.toList();
		// only the annotated methods: the rest of a library type is not the application's
		assertThat(entered).containsExactly("LibraryTypes.InterfacePricing.price", "LibraryTypes.InheritingStore.load",
				"LibraryTypes.MetaAnnotated.run");
	}

	@Test
	void worksWithoutReactorOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Mono.class)).withBean(TracedGreeter.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isAopProxy(context.getBean(TracedGreeter.class))).isTrue();
			});
	}

	@Test
	void worksWithoutAspectj() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.aspectj")).withBean(TracedGreeter.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isAopProxy(context.getBean(TracedGreeter.class))).isTrue();
			});
	}

	@Test
	void registersAnAutoProxyCreatorWhenBootsAopAutoConfigurationIsOff() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TelemetryAutoConfiguration.class, MethodTracingAutoConfiguration.class))
			.withBean(TracedGreeter.class)
			.run((context) -> assertThat(AopUtils.isCglibProxy(context.getBean(TracedGreeter.class))).isTrue());
	}

	@Test
	void badConfigurationFailsFastNamingTheProperty() {
		this.contextRunner.withPropertyValues("telemetry.output.queue-capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidTelemetryConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'telemetry.output.queue-capacity'", "'0'");
			assertThat(analysis.getAction()).contains("Update 'telemetry.output.queue-capacity'");
		});
	}

	@Test
	void aDirectoryAsOutputPathFailsFast() {
		this.contextRunner.withPropertyValues("telemetry.output.path=" + this.tempDir).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new InvalidTelemetryConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
				.getDescription()).contains("telemetry.output.path", "is a directory");
		});
	}

	@Test
	void badRotationAndLimitSettingsFailFastNamingTheProperty() {
		List.of("telemetry.output.rotation.max-file-size=0B", "telemetry.output.rotation.interval=0s",
				"telemetry.output.rotation.max-history=-1", "telemetry.output.retry-buffer=-1B",
				"telemetry.output.stall-timeout=0s",
				"telemetry.limits.message=3", "telemetry.limits.statement=0")
			.forEach((setting) -> this.contextRunner
				.withPropertyValues(setting, "telemetry.output.path=" + this.tempDir.resolve("t.jsonl"))
				.run((context) -> {
					assertThat(context).as(setting).hasFailed();
					assertThat(new InvalidTelemetryConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
						.getDescription()).contains("'" + setting.substring(0, setting.indexOf('=')) + "'");
				}));
	}

	@Test
	void anExporterBeanAddsADestinationBesideTheFile() {
		Path file = this.tempDir.resolve("t.jsonl");
		java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
		EventExporter extra = new EventExporter() {
			@Override
			public void export(byte[] lines, int offset, int length) {
				received.write(lines, offset, length);
			}

			@Override
			public void close() {
			}

			@Override
			public String describe() {
				return "extra";
			}
		};
		this.contextRunner.withPropertyValues("telemetry.output.path=" + file)
			.withBean("extraExporter", EventExporter.class, () -> extra)
			.run((context) -> {
				context.getBean(EventSink.class).accept(dev.cloudtelemetry.core.event.GenericEvent
					.builder("test_event", System.currentTimeMillis() * 1_000_000)
					.message("to both")
					.build());
				context.getBean(AsyncEventWriter.class).close();
				assertThat(context.getBean(AsyncEventWriter.class).stats().exporters())
					.extracting(dev.cloudtelemetry.output.WriterStats.ExporterStats::output)
					.containsExactly(file.toString(), "extra");
				assertThat(received.toString()).isEqualTo(java.nio.file.Files.readString(file))
					.contains("\"message\":\"to both\"");
			});
	}

	@Test
	void anInvalidIncludePatternFailsFastNamingTheProperty() {
		this.contextRunner.withPropertyValues("telemetry.methods.include=com/example").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new InvalidTelemetryConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
				.getDescription()).contains("'telemetry.methods.include[0]'");
		});
	}

	@Test
	void theFailureAnalyzerAndEnvironmentPostProcessorAreRegistered() throws Exception {
		String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
		assertThat(factories).contains(InvalidTelemetryConfigurationFailureAnalyzer.class.getName(),
				TelemetryEnvironmentPostProcessor.class.getName());
		String imports = new String(getClass()
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.readAllBytes());
		assertThat(imports).contains(TelemetryAutoConfiguration.class.getName(),
				MethodTracingAutoConfiguration.class.getName());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final NanoClock CLOCK = () -> 42L;

		static final ServiceResourceProvider SERVICE = new ServiceResourceProvider("mine", "9", "prod");

		static final EventExporter TARGET = new StdoutExporter();

		final EventSink sink = (event) -> {
		};

		@Bean
		EventSink userSink() {
			return this.sink;
		}

		@Bean
		NanoClock userClock() {
			return CLOCK;
		}

		@Bean
		ServiceResourceProvider userService() {
			return SERVICE;
		}

		@Bean
		EventExporter telemetryOutputExporter() {
			return TARGET;
		}

	}

}
