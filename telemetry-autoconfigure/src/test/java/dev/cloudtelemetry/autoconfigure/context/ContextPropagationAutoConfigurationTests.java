package dev.cloudtelemetry.autoconfigure.context;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.instrument.context.MdcSpanListener;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ContextPropagationAutoConfiguration.class));

	private final SpanFactory spans = new SpanFactory(System::nanoTime);

	@Test
	void threadPoolTaskExecutorRunsTasksUnderTheSubmittersSpan() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("singleThread", ThreadPoolTaskExecutor.class);
			Span span = this.spans.start(null, "caller", "func", null);
			Span previous = CurrentSpan.set(span);
			Future<Span> seen;
			try {
				seen = executor.submit(CurrentSpan::get);
			}
			finally {
				CurrentSpan.restore(previous);
			}
			assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(span);
		});
	}

	@Test
	void noSpanLeaksIntoTheNextTaskOnAPooledThread() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("singleThread", ThreadPoolTaskExecutor.class);
			Span first = this.spans.start(null, "first", "func", null);
			Span previous = CurrentSpan.set(first);
			Future<Thread> task1;
			try {
				task1 = executor.submit(() -> {
					// a misbehaving task that makes a span current and never restores it
					CurrentSpan.set(this.spans.start(CurrentSpan.get(), "leaked", "func", null));
					return Thread.currentThread();
				});
			}
			finally {
				CurrentSpan.restore(previous);
			}
			Thread thread1 = task1.get(10, TimeUnit.SECONDS);
			Future<Span[]> task2 = executor.submit(() -> {
				Span current = CurrentSpan.get();
				return new Span[] { current, this.spans.start(current, "second", "func", null) };
			});
			Span[] seen = task2.get(10, TimeUnit.SECONDS);
			assertThat(seen[0]).isNull();
			assertThat(seen[1].parentSpanId()).isZero();
			assertThat(seen[1].traceIdHex()).isNotEqualTo(first.traceIdHex());
			assertThat(executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS)).isSameAs(thread1);
		});
	}

	@Test
	void completableFutureStagesCarryTheSpan() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("singleThread", ThreadPoolTaskExecutor.class);
			Span span = this.spans.start(null, "caller", "func", null);
			Span previous = CurrentSpan.set(span);
			CompletableFuture<List<Span>> seen;
			try {
				seen = CompletableFuture.supplyAsync(CurrentSpan::get, executor)
					.thenApplyAsync((first) -> List.of(first, CurrentSpan.get()), executor);
			}
			finally {
				CurrentSpan.restore(previous);
			}
			assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(span, span);
		});
	}

	@Test
	void existingDecoratorIsKeptAndComposed() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("decorated", ThreadPoolTaskExecutor.class);
			List<String> calls = context.getBean(ExecutorsConfiguration.class).decoratorCalls;
			Span span = this.spans.start(null, "caller", "func", null);
			Span previous = CurrentSpan.set(span);
			Future<Span> seen;
			try {
				seen = executor.submit(CurrentSpan::get);
			}
			finally {
				CurrentSpan.restore(previous);
			}
			assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(span);
			assertThat(calls).containsExactly("user decorator ran with caller");
		});
	}

	@Test
	void simpleAsyncExecutorAndSchedulerCarryTheSpan() {
		this.runner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			SimpleAsyncTaskExecutor simple = context.getBean(SimpleAsyncTaskExecutor.class);
			ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
			Span span = this.spans.start(null, "caller", "func", null);
			Span previous = CurrentSpan.set(span);
			Future<Span> fromSimple;
			Future<Span> fromScheduler;
			try {
				fromSimple = simple.submit(CurrentSpan::get);
				fromScheduler = scheduler.submit(CurrentSpan::get);
			}
			finally {
				CurrentSpan.restore(previous);
			}
			assertThat(fromSimple.get(10, TimeUnit.SECONDS)).isSameAs(span);
			assertThat(fromScheduler.get(10, TimeUnit.SECONDS)).isSameAs(span);
			assertThat(scheduler.submit(CurrentSpan::get).get(10, TimeUnit.SECONDS)).isNull();
		});
	}

	@Test
	void logLinesCarryTheCurrentSpanWhileTheContextRuns() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger(ContextPropagationAutoConfigurationTests.class);
		logger.addAppender(appender);
		ch.qos.logback.classic.Level level = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.INFO);
		try {
			this.runner.run((context) -> {
				assertThat(context).hasSingleBean(MdcSpanListener.class);
				Span span = this.spans.start(null, "caller", "func", null);
				Span previous = CurrentSpan.set(span);
				try {
					logger.info("in the span");
					Span child = this.spans.start(span, "child", "func", null);
					Span parent = CurrentSpan.set(child);
					logger.info("in the child");
					CurrentSpan.restore(parent);
					logger.info("back in the span");
				}
				finally {
					CurrentSpan.restore(previous);
				}
				logger.info("outside");
				assertThat(appender.list).extracting((line) -> line.getMDCPropertyMap().get("span_id"))
					.containsExactly(span.spanIdHex(), child(span, appender), span.spanIdHex(), null);
				assertThat(appender.list.get(0).getMDCPropertyMap()).containsEntry("trace_id", span.traceIdHex());
				assertThat(appender.list.get(3).getMDCPropertyMap()).doesNotContainKey("trace_id");
			});
			appender.list.clear();
			Span span = this.spans.start(null, "after", "func", null);
			Span previous = CurrentSpan.set(span);
			try {
				logger.info("after the context closed");
			}
			finally {
				CurrentSpan.restore(previous);
			}
			assertThat(appender.list.get(0).getMDCPropertyMap()).as("filter removed when the context closed")
				.doesNotContainKey("trace_id");
		}
		finally {
			logger.setLevel(level);
			logger.detachAppender(appender);
		}
	}

	private static String child(Span parent, ListAppender<ILoggingEvent> appender) {
		String childId = appender.list.get(1).getMDCPropertyMap().get("span_id");
		assertThat(childId).isNotEqualTo(parent.spanIdHex()).hasSize(16);
		return childId;
	}

	@Test
	void mdcUserValuesUnderOtherKeysAreLeftAlone() {
		this.runner.run((context) -> {
			MDC.put("request_id", "r-1");
			try {
				LoggerFactory.getLogger(ContextPropagationAutoConfigurationTests.class).debug("no span");
				assertThat(MDC.get("request_id")).isEqualTo("r-1");
			}
			finally {
				MDC.remove("request_id");
			}
		});
	}

	@Test
	void mdcCanBeDisabledAndNeedsSlf4j() {
		this.runner.withPropertyValues("telemetry.mdc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MdcSpanListener.class)
				.hasSingleBean(ExecutorContextPropagationBeanPostProcessor.class));
		this.runner.withClassLoader(new FilteredClassLoader("org.slf4j"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MdcSpanListener.class)
				.hasSingleBean(ExecutorContextPropagationBeanPostProcessor.class));
	}

	@Test
	void userPostProcessorWins() {
		this.runner.withUserConfiguration(CustomPostProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ExecutorContextPropagationBeanPostProcessor.class);
			assertThat(context.getBean(ExecutorContextPropagationBeanPostProcessor.class))
				.isSameAs(CustomPostProcessorConfiguration.postProcessor);
		});
	}

	@Test
	void disabledWithAllTelemetry() {
		this.runner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExecutorContextPropagationBeanPostProcessor.class)
				.doesNotHaveBean(MdcSpanListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorsConfiguration {

		final List<String> decoratorCalls = new CopyOnWriteArrayList<>();

		@Bean
		ThreadPoolTaskExecutor singleThread() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setMaxPoolSize(1);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor decorated() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setTaskDecorator(userDecorator());
			return executor;
		}

		private TaskDecorator userDecorator() {
			return (runnable) -> () -> {
				Span current = CurrentSpan.get();
				this.decoratorCalls.add("user decorator ran with " + ((current != null) ? current.name() : null));
				runnable.run();
			};
		}

		@Bean
		SimpleAsyncTaskExecutor simpleAsyncTaskExecutor() {
			return new SimpleAsyncTaskExecutor("simple-");
		}

		@Bean
		ThreadPoolTaskScheduler threadPoolTaskScheduler() {
			return new ThreadPoolTaskScheduler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomPostProcessorConfiguration {

		static final ExecutorContextPropagationBeanPostProcessor postProcessor = new ExecutorContextPropagationBeanPostProcessor(
				new CurrentSpanTaskDecorator());

		@Bean
		static ExecutorContextPropagationBeanPostProcessor customPostProcessor() {
			return postProcessor;
		}

	}

}
