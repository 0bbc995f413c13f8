package dev.cloudtelemetry.autoconfigure.jdbc;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.SemanticConventions;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.jdbc.JdbcTelemetry;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcTelemetryAutoConfigurationTests {

	@TempDir
	static Path tempDir;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TelemetryAutoConfiguration.class, JdbcTelemetryAutoConfiguration.class))
		.withPropertyValues("telemetry.output.path=" + tempDir.resolve("telemetry.jsonl"),
				"telemetry.metadata.enabled=false")
		.withUserConfiguration(DataSourceConfiguration.class);

	@Test
	void dataSourceIsWrappedOnce() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcTelemetry.class);
			DataSource dataSource = context.getBean("dataSource", DataSource.class);
			assertThat(dataSource).isInstanceOf(ProxyDataSource.class);
			assertThat(((ProxyDataSource) dataSource).getDataSource()).isInstanceOf(JdbcDataSource.class);
			assertThat(dataSource.unwrap(JdbcDataSource.class)).isInstanceOf(JdbcDataSource.class);
		});
	}

	@Test
	void anApplicationsOwnDatasourceProxyWrapperIsWrappedLikeAnyDataSourceAndOursOnlyOnce() {
		this.runner.withUserConfiguration(WrappedDataSourceConfiguration.class).run((context) -> {
			// the application's own datasource-proxy wrapper (the starter's copy of the library is relocated in its
			// jar, so the two never meet): traced like any other data source
			ProxyDataSource wrapped = context.getBean("wrapped", ProxyDataSource.class);
			assertThat(JdbcTelemetry.isWrapped(wrapped)).isTrue();
			assertThat(wrapped.getDataSource()).isInstanceOf(ProxyDataSource.class);
			assertThat(((ProxyDataSource) wrapped.getDataSource()).getDataSource()).isInstanceOf(JdbcDataSource.class);
			// the starter's wrapper is not wrapped again
			JdbcTelemetry telemetry = context.getBean(JdbcTelemetry.class);
			assertThat(telemetry.wrap(wrapped, "again")).isSameAs(wrapped);
		});
	}

	@Test
	void routingDataSourcesScopedTargetsAndExcludedNamesAreSkipped() {
		this.runner.withUserConfiguration(SkippedDataSourcesConfiguration.class)
			.withPropertyValues("telemetry.jdbc.excluded-data-source-bean-names=reporting")
			.run((context) -> {
				assertThat(context.getBean("routing")).isInstanceOf(AbstractRoutingDataSource.class);
				assertThat(context.getBean("reporting")).isInstanceOf(JdbcDataSource.class);
				assertThat(context.getBean(ScopedProxyUtils.getTargetBeanName("scoped")))
					.isInstanceOf(JdbcDataSource.class);
				assertThat(context.getBean("dataSource")).isInstanceOf(ProxyDataSource.class);
			});
	}

	@Test
	void userInstrumentationWins() {
		this.runner.withUserConfiguration(CustomJdbcTelemetryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(JdbcTelemetry.class);
			assertThat(context.getBean(JdbcTelemetry.class))
				.isSameAs(context.getBean(CustomJdbcTelemetryConfiguration.class).telemetry);
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("telemetry.jdbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcTelemetry.class)
				.doesNotHaveBean(DataSourceTelemetryBeanPostProcessor.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(JdbcDataSource.class);
		});
	}

	@Test
	void disabledWithAllTelemetry() {
		this.runner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcTelemetry.class));
	}

	@Test
	void backsOffWithoutSpringJdbc() {
		// datasource-proxy is no condition: the starter's jar carries it (relocated)
		this.runner.withClassLoader(new FilteredClassLoader(AbstractRoutingDataSource.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(JdbcTelemetry.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(JdbcDataSource.class);
		});
	}

	@Test
	void importsFileListsTheAutoConfiguration() throws Exception {
		String imports = new String(new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsByteArray());
		assertThat(imports.lines()).contains(JdbcTelemetryAutoConfiguration.class.getName());
	}

	static JdbcDataSource h2(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name);
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return h2("main");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedDataSourceConfiguration {

		@Bean
		ProxyDataSource wrapped() {
			return new ProxyDataSource(h2("wrapped"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SkippedDataSourcesConfiguration {

		@Bean
		AbstractRoutingDataSource routing() {
			AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {

				@Override
				protected Object determineCurrentLookupKey() {
					return "a";
				}

			};
			routing.setTargetDataSources(Map.of("a", h2("a")));
			return routing;
		}

		@Bean
		DataSource reporting() {
			return h2("reporting");
		}

		@Bean(name = "scopedTarget.scoped")
		DataSource scopedTarget() {
			return h2("scoped");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomJdbcTelemetryConfiguration {

		final JdbcTelemetry telemetry = new JdbcTelemetry((event) -> {
		}, new SpanFactory(() -> 1L), SemanticConventions.LEGACY, Severity.INFO, false, 0);

		@Bean
		JdbcTelemetry customJdbcTelemetry() {
			return this.telemetry;
		}

	}

}
