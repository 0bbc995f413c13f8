package dev.cloudtelemetry.autoconfigure;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.context.ContextPropagationAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.http.HttpClientTelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.http.HttpServerTelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.jdbc.JdbcTelemetryAutoConfiguration;
import dev.cloudtelemetry.autoconfigure.method.MethodTracingAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans Spring creates before the bean factory caches its type lookups (post-processors and advisors, made
 * while post-processors are registered) take only {@link ObjectProvider} arguments: an argument resolved by type
 * there walks every bean definition of the application, which in an application of a few hundred beans is
 * milliseconds of start-up for each (benchmarks/README, twentieth round). What they need of the environment or
 * the bean factory comes through {@code EnvironmentAware} and {@code BeanFactoryAware}.
 */
class EarlyBeansTests {

	@TempDir
	Path tempDir;

	@Test
	void postProcessorsAndAdvisorsTakeOnlyObjectProviders() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataSourceAutoConfiguration.class,
					TelemetryAutoConfiguration.class, MethodTracingAutoConfiguration.class,
					JdbcTelemetryAutoConfiguration.class, HttpClientTelemetryAutoConfiguration.class,
					HttpServerTelemetryAutoConfiguration.class, ContextPropagationAutoConfiguration.class))
			.withPropertyValues("telemetry.output.path=" + this.tempDir.resolve("t.jsonl"),
					"telemetry.metadata.enabled=false", "telemetry.jdbc.excluded-data-source-bean-names=other")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
				List<String> early = new ArrayList<>();
				List<String> wrong = new ArrayList<>();
				for (String name : beanFactory.getBeanDefinitionNames()) {
					if (!name.startsWith("telemetry")) {
						continue;
					}
					Class<?> type = beanFactory.getType(name);
					if (type == null || !(BeanPostProcessor.class.isAssignableFrom(type)
							|| BeanFactoryPostProcessor.class.isAssignableFrom(type)
							|| Advisor.class.isAssignableFrom(type))) {
						continue;
					}
					early.add(name);
					Method factoryMethod = ((RootBeanDefinition) beanFactory.getMergedBeanDefinition(name))
						.getResolvedFactoryMethod();
					if (factoryMethod != null && !Arrays.stream(factoryMethod.getParameterTypes())
						.allMatch(ObjectProvider.class::equals)) {
						wrong.add(name + Arrays.toString(factoryMethod.getParameterTypes()));
					}
				}
				assertThat(early).contains("telemetryMethodAdvisor", "telemetryDataSourceBeanPostProcessor",
						"telemetryClientHttpRequestInterceptorBeanPostProcessor",
						"telemetryExecutorContextPropagationBeanPostProcessor");
				assertThat(wrong).isEmpty();
			});
	}

}
