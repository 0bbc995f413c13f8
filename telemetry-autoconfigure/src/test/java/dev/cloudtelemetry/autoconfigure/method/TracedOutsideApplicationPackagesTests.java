package dev.cloudtelemetry.autoconfigure.method;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sample.library.LibraryTypes.InheritingStore;
import sample.library.LibraryTypes.InterfacePricing;
import sample.library.LibraryTypes.MetaAnnotated;
import sample.library.LibraryTypes.Pricing;
import sample.library.LibraryTypes.Untraced;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beans of types outside the application's packages are traced where {@link dev.cloudtelemetry.annotation.Traced}
 * sits anywhere in their hierarchy (on an interface's method, on a superclass's method, as a meta-annotation),
 * and only there: a library bean without it gets no proxy, annotations of other kinds notwithstanding.
 */
class TracedOutsideApplicationPackagesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AopAutoConfiguration.class, TelemetryAutoConfiguration.class,
					MethodTracingAutoConfiguration.class));

	@TempDir
	Path tempDir;

	@Test
	void tracedAnywhereInTheHierarchyIsFound() {
		Path output = this.tempDir.resolve("telemetry.jsonl");
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

}
