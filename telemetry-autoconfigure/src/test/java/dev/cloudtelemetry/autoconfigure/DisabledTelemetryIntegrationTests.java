package dev.cloudtelemetry.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import sample.shop.AsyncWork;
import sample.shop.OrderController;
import sample.shop.OrderService;
import sample.shop.PricingService;
import sample.shop.ShopApplication;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.instrument.context.SpanMdcTurboFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code telemetry.enabled=false} leaves a real application (controller → services → Spring Data JPA on H2,
 * every auto-configuration of the starter on the class path) as if the starter were absent: no bean of
 * the starter, no proxy, no wrapped DataSource, no thread, no Logback turbo filter, no output.
 */
class DisabledTelemetryIntegrationTests {

	@TempDir
	Path tempDir;

	@Test
	void disabledLeavesTheApplicationAsIfTheStarterWereAbsent() {
		Path output = this.tempDir.resolve("telemetry.jsonl");
		Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
		long turboFiltersBefore = spanMdcTurboFilters();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.NONE)
			.properties("telemetry.enabled=false", "telemetry.output.path=" + output,
					"spring.datasource.url=jdbc:h2:mem:" + System.nanoTime(), "spring.application.name=shop")
			.run()) {
			List<String> starterBeans = Arrays.stream(context.getBeanDefinitionNames()).filter((name) -> {
				Class<?> type = context.getType(name);
				return type != null && type.getName().startsWith("dev.cloudtelemetry.");
			}).toList();
			assertThat(starterBeans).as("beans of the starter").isEmpty();
			assertThat(List.of(OrderController.class, PricingService.class, AsyncWork.class))
				.allSatisfy((type) -> assertThat(AopUtils.isAopProxy(context.getBean(type))).as(type.getName())
					.isFalse());
			// @Transactional: proxied by Spring, with no advice of the starter
			assertThat(((Advised) context.getBean(OrderService.class)).getAdvisors())
				.extracting((advisor) -> advisor.getAdvice().getClass().getName())
				.noneMatch((advice) -> advice.startsWith("dev.cloudtelemetry."));
			assertThat(context.getBean(DataSource.class).getClass().getName()).doesNotStartWith("net.ttddyy");
			context.getBean(OrderController.class).create("book", 2);
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !threadsBefore.contains(thread))
				.extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith("telemetry-"));
			assertThat(spanMdcTurboFilters()).isEqualTo(turboFiltersBefore);
		}
		assertThat(Files.exists(output)).isFalse();
	}

	private static long spanMdcTurboFilters() {
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		return logback.getTurboFilterList().stream().filter(SpanMdcTurboFilter.class::isInstance).count();
	}

}
